using System.Collections.Generic;
using System.Linq;

namespace MailDsl.Layers
{
    /// <summary>
    /// Every layer a platform can describe, registered once: whatever walks, names or selects layers reads this list.
    /// Adding a layer is its descriptor here, its model record and property on <see cref="Model.PlatformModel"/>, its DSL
    /// builder and its daemon modules.
    /// </summary>
    public static class LayerDescriptors
    {
        /// <summary>SMTP-in, the MX.</summary>
        public static SmtpInDescriptor SmtpIn { get; } = new();

        /// <summary>SMTP-out, the relay.</summary>
        public static SmtpOutDescriptor SmtpOut { get; } = new();

        /// <summary>The mailstore.</summary>
        public static MailstoreDescriptor Mailstore { get; } = new();

        /// <summary>Webmail.</summary>
        public static WebmailDescriptor Webmail { get; } = new();

        /// <summary>
        /// Every layer in platform order, the order rules, hosts and hops walk them and the README draws them: SMTP-in,
        /// SMTP-out, mailstore, webmail.
        /// </summary>
        public static IReadOnlyList<LayerDescriptor> All { get; } = new LayerDescriptor[] { SmtpIn, SmtpOut, Mailstore, Webmail };

        /// <summary>
        /// Every layer in the order the playbook installs them: each after the layers it names in
        /// <see cref="LayerDescriptor.RolloutAfter"/>, otherwise in platform order (mailstore, SMTP-in, SMTP-out, webmail).
        /// </summary>
        public static IReadOnlyList<LayerDescriptor> InRolloutOrder { get; } = RolloutOrder();

        /// <summary>The descriptor of <paramref name="layer"/>'s kind.</summary>
        /// <param name="layer">A layer of a platform model.</param>
        /// <exception cref="System.ArgumentException">The layer is of a type no descriptor registers (only Core's sealed records reach a <see cref="Model.PlatformModel"/>).</exception>
        public static LayerDescriptor Of(Model.Layer layer)
        {
            var type = layer.GetType();
            foreach (var descriptor in All)
                if (descriptor.LayerType == type) return descriptor;
            throw new System.ArgumentException("No layer descriptor registers " + type.Name + ".", nameof(layer));
        }

        /// <summary>The layer the <c>Platform</c> method <paramref name="method"/> describes, or null.</summary>
        /// <param name="method">A method name, e.g. <c>Mailstore</c>.</param>
        public static LayerDescriptor? ByDslMethod(string method) => All.FirstOrDefault(d => d.DslMethod == method);

        /// <summary>The layer whose command-line name is <paramref name="name"/>, or null.</summary>
        /// <param name="name">A name as <c>--layer</c> takes it, e.g. <c>smtp-in</c>.</param>
        public static LayerDescriptor? ByCommandLineName(string name) => All.FirstOrDefault(d => d.CommandLineName == name);

        // Kahn's order over RolloutAfter, taking the first ready layer in platform order each time.
        private static IReadOnlyList<LayerDescriptor> RolloutOrder()
        {
            var ordered = new List<LayerDescriptor>();
            var left = All.ToList();
            while (left.Count > 0)
            {
                var next = left.FirstOrDefault(d => d.RolloutAfter.All(ordered.Contains))
                    ?? throw new System.InvalidOperationException("The layers' RolloutAfter lists form a cycle: " + string.Join(", ", left) + ".");
                ordered.Add(next);
                left.Remove(next);
            }
            return ordered;
        }
    }
}
