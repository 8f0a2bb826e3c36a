using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;

namespace MailDsl.Topology
{
    /// <summary>One host and the layers it serves (a host may serve several, e.g. SMTP-in and SMTP-out).</summary>
    /// <param name="Name">The host's fully qualified name.</param>
    /// <param name="Layers">Its layers, in platform order: SMTP-in, SMTP-out, mailstore, webmail.</param>
    public sealed record HostPlan(string Name, IReadOnlyList<Layer> Layers)
    {
        /// <summary>The host's layer of type <typeparamref name="T"/>, or null.</summary>
        public T? Layer<T>() where T : Layer => Layers.OfType<T>().FirstOrDefault();

        /// <summary>Whether one of the host's layers runs <paramref name="daemon"/> on its hosts (<see cref="LayerDescriptor.Daemons"/>).</summary>
        /// <param name="daemon">The daemon.</param>
        public bool LayersRun(Daemon daemon) => Layers.Any(l => LayerDescriptors.Of(l).Runs(daemon));

        /// <summary>Whether the host runs Postfix: one of its layers' descriptors says so (SMTP-in, SMTP-out and the mailstore do).</summary>
        public bool RunsPostfix => LayersRun(Daemon.Postfix);

        /// <summary>
        /// Whether the host's Postfix has a submission listener, where users log in (SMTP AUTH) through Dovecot's
        /// auth socket (<c>smtpd_sasl_type = dovecot</c>).
        /// </summary>
        public bool OffersSubmission => RunsPostfix && Listeners.Any(l => l.Protocol == ServiceProtocol.Submission);

        /// <summary>
        /// Whether the host runs Dovecot: where a layer's descriptor says so (the mailstore, for IMAP and POP3), and on any
        /// other host whose Postfix offers submission, as the SASL server behind it (auth only, no network listener).
        /// </summary>
        public bool RunsDovecot => LayersRun(Daemon.Dovecot) || OffersSubmission;

        /// <summary>The platform the host belongs to (what every layer shares: the directory, the mail domains), when known.</summary>
        public PlatformModel? Platform { get; init; }

        /// <summary>The platform's user directory, if any.</summary>
        public UserDirectory? Directory => Platform?.Directory;

        /// <summary>Every listener of every layer on this host.</summary>
        public IEnumerable<Listener> Listeners => Layers.SelectMany(l => l.Listeners);

        /// <summary>Every host of <paramref name="platform"/> with its layers, ordered by name (ordinal).</summary>
        /// <param name="platform">The platform.</param>
        public static IReadOnlyList<HostPlan> Of(PlatformModel platform)
        {
            var byHost = new SortedDictionary<string, List<Layer>>(StringComparer.Ordinal);
            foreach (var layer in PlatformLayers.Of(platform))
            {
                foreach (var host in layer.Hosts.Distinct(StringComparer.Ordinal))
                {
                    if (string.IsNullOrEmpty(host)) continue;
                    if (!byHost.TryGetValue(host, out var list)) byHost[host] = list = new List<Layer>();
                    list.Add(layer);
                }
            }
            return byHost.Select(kv => new HostPlan(kv.Key, kv.Value) { Platform = platform }).ToList();
        }
    }
}
