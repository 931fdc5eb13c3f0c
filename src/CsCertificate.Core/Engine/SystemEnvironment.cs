// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace CsCertificate.Engine;

/// <summary>
/// The real machine: clock, environment variables and the computer's DNS name.
/// </summary>
internal sealed class SystemEnvironment : IEngineEnvironment
{
    public static SystemEnvironment Instance { get; } = new SystemEnvironment();

    public DateTime UtcNow => DateTime.UtcNow;

    /// <summary>
    /// Gets the host name qualified by the machine's DNS domain (what Windows calls the full computer name);
    /// the resolver's canonical name when the machine has no domain set.
    /// </summary>
    public string LocalComputerFqdn
    {
        get
        {
            IPGlobalProperties properties = IPGlobalProperties.GetIPGlobalProperties();
            string host = properties.HostName;
            string domain = properties.DomainName?.Trim().TrimEnd('.') ?? string.Empty;
            if (domain.Length > 0 && domain != "(none)" && host.IndexOf('.') < 0)
            {
                return host + "." + domain;
            }

            try
            {
                string canonical = Dns.GetHostEntry(host).HostName;
                return canonical.IndexOf('.') > 0 ? canonical : host;
            }
            catch (SocketException)
            {
                return host;
            }
        }
    }

    public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);
}
