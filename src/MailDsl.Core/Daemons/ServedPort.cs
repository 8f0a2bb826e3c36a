namespace MailDsl.Daemons
{
    /// <summary>A port a daemon answers on once it runs: what install.sh and the Ansible role wait for after a reload.</summary>
    /// <param name="Name">The listener's name in the platform, e.g. <c>imaps</c>.</param>
    /// <param name="Address">The address to dial on the host itself (loopback when the daemon binds every address).</param>
    /// <param name="Port">The TCP port.</param>
    public sealed record ServedPort(string Name, string Address, int Port);

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
