// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Text;
using CsCertificate.Model;

namespace CsCertificate.Report;

/// <summary>
/// Prints output objects for the report's "Output" section, in the layout of the real product's log.
/// </summary>
internal static class OutputFormatter
{
    public static string Format(CertificateReference value)
    {
        var text = new StringBuilder();
        Line(text, "Issuer\t\t", value.Issuer);
        Line(text, "NotAfter \t", Date(value.NotAfter));
        Line(text, "NotBefore \t", Date(value.NotBefore));
        Line(text, "SerialNumber \t", value.SerialNumber);
        Line(text, "Subject \t", value.Subject);
        Line(text, "AlternativeNames", string.Join(",", value.AlternativeNames));
        Line(text, "Thumbprint \t", value.Thumbprint);
        Line(text, "EffectiveDate \t", Date(value.EffectiveDate));
        Line(text, "PreviousThumbprint", value.PreviousThumbprint);
        Line(text, "UpdateTime \t", Date(value.UpdateTime));
        Line(text, "Use \t\t", value.Use);
        Line(text, "SourceScope \t", value.SourceScope);
        Line(text, "RequestId \t", value.RequestId.ToString(CultureInfo.InvariantCulture));
        Line(text, "RequestStatus \t", value.RequestStatus.ToString());
        Line(text, "CA \t\t", value.CA);
        Line(text, "FriendlyName \t", value.FriendlyName);
        Line(text, "Path \t\t", value.Path);
        return text.ToString().TrimEnd('\n');
    }

    public static string Format(CsCertificateRequest value)
    {
        var text = new StringBuilder();
        Line(text, "RequestId \t", value.RequestId.ToString(CultureInfo.InvariantCulture));
        Line(text, "CertificateUses ", string.Join(",", value.CertificateUses));
        Line(text, "Status \t\t", value.Status.ToString());
        Line(text, "CA \t\t", value.CA);
        Line(text, "Subject \t", value.Subject);
        Line(text, "AlternativeNames", string.Join(",", value.AlternativeNames));
        Line(text, "RequestTime \t", Date(value.RequestTime));
        Line(text, "FriendlyName \t", value.FriendlyName);
        return text.ToString().TrimEnd('\n');
    }

    private static void Line(StringBuilder text, string name, string? value) => text.Append(name).Append(": ").Append(value).Append('\n');

    private static string? Date(DateTime? value) => value?.ToString(CultureInfo.CurrentCulture);
}
