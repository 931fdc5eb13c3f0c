// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using CsCertificate.Resources;

namespace CsCertificate.DnsProtocol;

/// <summary>
/// A DNS server as a user writes it: a host name or address, with an optional port ("ns1.contoso.com",
/// "192.0.2.53:5353", "[2001:db8::53]:53", "2001:db8::53"). Port 53 when none is given.
/// </summary>
internal sealed class DnsServerAddress
{
    public const int DefaultPort = 53;

    private DnsServerAddress(string host, IPAddress? address, int port)
    {
        Host = host;
        Address = address;
        Port = port;
    }

    public string Host { get; }

    /// <summary>Gets the address when the host is written as one.</summary>
    public IPAddress? Address { get; }

    public int Port { get; }

    /// <returns>The server, or null when the text is not a host or address with an optional port.</returns>
    public static DnsServerAddress? Parse(string text)
    {
        string value = text.Trim();
        string host = value;
        string? port = null;
        if (value.StartsWith("[", StringComparison.Ordinal))
        {
            int close = value.IndexOf(']');
            if (close < 0)
            {
                return null;
            }

            host = value.Substring(1, close - 1);
            string rest = value.Substring(close + 1);
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(":", StringComparison.Ordinal))
                {
                    return null;
                }

                port = rest.Substring(1);
            }

            if (!IPAddress.TryParse(host, out IPAddress? v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return null;
            }
        }
        else if (value.Count(c => c == ':') == 1)
        {
            int colon = value.IndexOf(':');
            host = value.Substring(0, colon);
            port = value.Substring(colon + 1);
        }

        int number = DefaultPort;
        if (port != null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1 || number > 65535))
        {
            return null;
        }

        if (IPAddress.TryParse(host, out IPAddress? address) && (host.Contains(":") || host.Count(c => c == '.') == 3))
        {
            return new DnsServerAddress(address.ToString(), address, number);
        }

        if (host.Length == 0 || host.Any(c => !(char.IsLetterOrDigit(c) && c < 128) && c != '-' && c != '.' && c != '_'))
        {
            return null;
        }

        try
        {
            DnsName.Labels(host);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return new DnsServerAddress(host, null, number);
    }

    /// <summary>The server's address: as written, or the host's first address from the system resolver (IPv4 first).</summary>
    /// <exception cref="DnsException">The host name does not resolve.</exception>
    public IPEndPoint Resolve()
    {
        if (Address != null)
        {
            return new IPEndPoint(Address, Port);
        }

        IPAddress[] addresses;
        try
        {
            addresses = System.Net.Dns.GetHostAddresses(Host);
        }
        catch (SocketException ex)
        {
            throw new DnsException(Messages.Format(Strings.DnsHostUnresolved, Host, ex.Message), ex);
        }

        IPAddress? chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        return chosen == null
            ? throw new DnsException(Messages.Format(Strings.DnsHostUnresolved, Host, Strings.DnsReasonNoAddress))
            : new IPEndPoint(chosen, Port);
    }

    public override string ToString() =>
        Port == DefaultPort ? Host : (Host.Contains(":") ? "[" + Host + "]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);
}
