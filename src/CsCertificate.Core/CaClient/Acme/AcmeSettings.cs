// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Net;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The documented settings of ACME requests, read from environment variables:
/// CSCERTIFICATE_ACME_WAIT (seconds to wait for an order before it is stored as Pending, default 120),
/// CSCERTIFICATE_HTTP01_PORT (port of the http-01 responder, default 80),
/// CSCERTIFICATE_HTTP01_ADDRESS (address it binds, default every IPv4 address),
/// CSCERTIFICATE_ACME_CONTACT (an e-mail address for the account, optional).
/// </summary>
internal sealed class AcmeSettings
{
    public const string WaitVariable = "CSCERTIFICATE_ACME_WAIT";
    public const string PortVariable = "CSCERTIFICATE_HTTP01_PORT";
    public const string AddressVariable = "CSCERTIFICATE_HTTP01_ADDRESS";
    public const string ContactVariable = "CSCERTIFICATE_ACME_CONTACT";

    public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(120);

    public int Http01Port { get; set; } = 80;

    public IPAddress Http01Address { get; set; } = IPAddress.Any;

    public string? Contact { get; set; }

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <exception cref="CsCertificateException">A variable holds a value that is not a number or an address.</exception>
    public static AcmeSettings FromEnvironment(Func<string, string?> variable)
    {
        var settings = new AcmeSettings();
        string? wait = variable(WaitVariable);
        if (!string.IsNullOrWhiteSpace(wait))
        {
            settings.Wait = TimeSpan.FromSeconds(ParseInt(WaitVariable, wait!, 0, 86400));
        }

        string? port = variable(PortVariable);
        if (!string.IsNullOrWhiteSpace(port))
        {
            settings.Http01Port = ParseInt(PortVariable, port!, 1, 65535);
        }

        string? address = variable(AddressVariable);
        if (!string.IsNullOrWhiteSpace(address))
        {
            if (!IPAddress.TryParse(address!.Trim(), out IPAddress? parsed))
            {
                throw Invalid(AddressVariable, address!);
            }

            settings.Http01Address = parsed;
        }

        string? contact = variable(ContactVariable);
        settings.Contact = string.IsNullOrWhiteSpace(contact) ? null : contact!.Trim();
        return settings;
    }

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw Invalid(name, text);

    private static CsCertificateException Invalid(string name, string value) =>
        new CsCertificateException(ErrorIds.InvalidSetting, ErrorKind.InvalidArgument, Messages.Format(Strings.AcmeSettingInvalid, name, value), name);
}
