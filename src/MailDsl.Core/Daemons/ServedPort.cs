namespace MailDsl.Daemons
{
    /// <summary>A port a daemon answers on once it runs: what install.sh and the Ansible role wait for after a reload.</summary>
    /// <param name="Name">The listener's name in the platform, e.g. <c>imaps</c>.</param>
    /// <param name="Address">The address to dial on the host itself (loopback when the daemon binds every address).</param>
    /// <param name="Port">The TCP port.</param>
    /// <param name="Proxy">
    /// Whether the port takes the PROXY protocol from the balancers only: install.sh and the Ansible role wait until something
    /// listens there instead of dialing it (the host's firewall resets the host's own connections to it, and a Postfix smtpd
    /// handed a connection whose client left without a PROXY header dies, so that master throttles the service).
    /// </param>
    public sealed record ServedPort(string Name, string Address, int Port, bool Proxy = false);

    /// <summary>How a host reaches its own daemons.</summary>
    public static class ServedPorts
    {
        /// <summary>
        /// The address to dial on the host for a daemon bound to <paramref name="listenAddress"/>: that address, or loopback
        /// when the daemon binds every address (none written, <c>0.0.0.0</c> or <c>::</c>).
        /// </summary>
        public static string Dial(string? listenAddress)
        {
            var address = listenAddress?.Trim();
            return address switch
            {
                null or "" or "0.0.0.0" or "*" => "127.0.0.1",
                "::" or "[::]" => "::1",
                _ => address!.Trim('[', ']'),
            };
        }
    }
}
