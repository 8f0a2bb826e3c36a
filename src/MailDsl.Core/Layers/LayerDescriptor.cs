using System;
using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Layers
{
    /// <summary>
    /// Everything MailDsl knows about one layer of the platform, in one place, as <see cref="Daemons.DaemonModule"/> is for a
    /// daemon: its names (the one key, display name and command-line name; nothing else spells them), the DSL method that
    /// describes it, where the model keeps it, which daemons run on its hosts, what it serves and what the fleet files say
    /// of it. Whatever enumerates layers (rules, topology, hops, the CLI, the inventory and playbook, the generator) reads
    /// <see cref="LayerDescriptors.All"/>. The typed model record (<see cref="Model.Layer"/>'s subclasses) keeps the
    /// layer's own properties for the rules and renderers.
    /// </summary>
    public abstract class LayerDescriptor
    {
        // Every layer is Core's: its model record, its rules and its daemon modules live here.
        private protected LayerDescriptor()
        {
        }

        /// <summary>
        /// The layer's key: the first part of its <see cref="SourceMap"/> keys (<c>smtpIn.hosts.0</c>), its hop ends and its
        /// ids in the emitted README's picture, and how messages name it where they quote the description (<c>the smtpIn
        /// layer's groups</c>).
        /// </summary>
        public abstract string Key { get; }

        /// <summary>How operators read it in messages, the README's picture and its hop table, e.g. <c>SMTP-in</c>.</summary>
        public abstract string DisplayName { get; }

        /// <summary>Its name on the command line (<c>emit --layer smtp-in</c>); the Ansible inventory group is made from it (<see cref="InventoryGroup"/>).</summary>
        public abstract string CommandLineName { get; }

        /// <summary>
        /// Its group in the Ansible inventory and playbook: <see cref="CommandLineName"/> with <c>_</c> for <c>-</c>, since
        /// Ansible warns about (and its group_vars cannot be named after) a group with a hyphen.
        /// </summary>
        public string InventoryGroup => CommandLineName.Replace('-', '_');

        /// <summary>The <c>Platform</c> method that describes the layer, e.g. <c>SmtpIn</c> in <c>.SmtpIn(s =&gt; ...)</c>.</summary>
        public abstract string DslMethod { get; }

        /// <summary>The model record of the layer (a subclass of <see cref="Model.Layer"/>).</summary>
        public abstract Type LayerType { get; }

        /// <summary>The daemons every host of the layer runs, whatever else it serves (a daemon module may add one for a reason of its own, e.g. Dovecot behind submission).</summary>
        public abstract IReadOnlyList<Daemon> Daemons { get; }

        /// <summary>
        /// What the layer serves to those outside the platform (the Internet, the users), by protocol: each listener of one
        /// of these protocols is a hop from them, drawn in the README and checked by the hop rules. Empty when the layer
        /// serves only other layers.
        /// </summary>
        public virtual IReadOnlyList<LayerEntrance> Entrances => Array.Empty<LayerEntrance>();

        /// <summary>The STARTTLS level the layer's servers hold its entrances to (<see cref="TlsLevel.Encrypt"/> unless the layer says otherwise).</summary>
        /// <param name="layer">The layer, as described.</param>
        public virtual TlsLevel EntranceStartTls(Layer layer) => TlsLevel.Encrypt;

        /// <summary>
        /// Ports the layer's hosts bind beside its listeners, for a daemon the layer runs there (memcached beside SOGo), so
        /// the port rules see them too.
        /// </summary>
        /// <param name="layer">The layer, as described.</param>
        internal virtual IEnumerable<BoundPort> DaemonPorts(Layer layer) => Array.Empty<BoundPort>();

        /// <summary>The layers whose hosts must be installed before this layer's (what it hands mail to or reads from), for the playbook's order.</summary>
        public virtual IReadOnlyList<LayerDescriptor> RolloutAfter => Array.Empty<LayerDescriptor>();

        /// <summary>What the layer is and what it depends on, in a line: the name of its play in the emitted playbook.</summary>
        public abstract string RolloutTitle { get; }

        /// <summary>The layer <paramref name="platform"/> describes, or null.</summary>
        /// <param name="platform">The platform.</param>
        public abstract Layer? Of(PlatformModel platform);

        /// <summary><paramref name="platform"/> with <paramref name="layer"/> as this layer (null removes it).</summary>
        /// <param name="platform">The platform.</param>
        /// <param name="layer">The layer, of <see cref="LayerType"/>, or null.</param>
        public abstract PlatformModel With(PlatformModel platform, Layer? layer);

        /// <summary>Whether the layer's hosts run <paramref name="daemon"/>.</summary>
        /// <param name="daemon">The daemon.</param>
        public bool Runs(Daemon daemon)
        {
            foreach (var d in Daemons)
                if (d == daemon) return true;
            return false;
        }

        /// <inheritdoc/>
        public override string ToString() => Key;
    }

    /// <summary>A descriptor over its model record, so <see cref="LayerDescriptor.Of"/> and <see cref="LayerDescriptor.With"/> are typed.</summary>
    /// <typeparam name="TLayer">The layer's model record.</typeparam>
    public abstract class LayerDescriptor<TLayer> : LayerDescriptor where TLayer : Layer
    {
        private protected LayerDescriptor()
        {
        }

        /// <inheritdoc/>
        public sealed override Type LayerType => typeof(TLayer);

        /// <inheritdoc/>
        public sealed override Layer? Of(PlatformModel platform) => Get(platform);

        /// <inheritdoc/>
        public sealed override PlatformModel With(PlatformModel platform, Layer? layer) => Set(platform, (TLayer?)layer);

        /// <summary>The layer <paramref name="platform"/> describes, or null.</summary>
        /// <param name="platform">The platform.</param>
        public abstract TLayer? Get(PlatformModel platform);

        /// <summary><paramref name="platform"/> with <paramref name="layer"/> as this layer (null removes it).</summary>
        /// <param name="platform">The platform.</param>
        /// <param name="layer">The layer, or null.</param>
        public abstract PlatformModel Set(PlatformModel platform, TLayer? layer);
    }

    /// <summary>One way in from outside the platform: a protocol a layer serves, who connects, and what for.</summary>
    /// <param name="Protocol">The listeners' protocol.</param>
    /// <param name="From">Who connects: <see cref="HopEnd.Internet"/> or <see cref="HopEnd.Users"/>.</param>
    /// <param name="Name">The hop's protocol as the README names it, e.g. <c>SMTP</c>, <c>submission</c>.</param>
    /// <param name="Purpose">What the hop is for, in a few words.</param>
    public sealed record LayerEntrance(ServiceProtocol Protocol, HopEnd From, string Name, string Purpose);
}
