// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using CsCertificate.Model;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// Turns stored records into the objects the cmdlet writes.
/// </summary>
internal static class RecordMapper
{
    public static CertificateReference ToReference(RequestRecord record) => new CertificateReference
    {
        Issuer = record.Issuer,
        NotAfter = ParseOptionalTime(record.NotAfter),
        NotBefore = ParseOptionalTime(record.NotBefore),
        SerialNumber = record.SerialNumber,
        Thumbprint = record.Thumbprint,
        PreviousThumbprint = record.PreviousThumbprint,
        Subject = record.Subject,
        AlternativeNames = record.AlternativeNames,
        Use = string.Join(",", record.CertificateUses),
        RequestId = record.RequestId,
        RequestStatus = record.Status,
        CA = record.CA,
        FriendlyName = record.FriendlyName,
        Path = record.CertificatePath ?? record.OutputPath,
    };

    public static CsCertificateRequest ToRequest(RequestRecord record) => new CsCertificateRequest
    {
        RequestId = record.RequestId,
        CertificateUses = record.CertificateUses
            .Select(u => Enum.TryParse(u, out CertType t) ? (CertType?)t : null)
            .Where(t => t.HasValue)
            .Select(t => t!.Value)
            .ToArray(),
        Status = record.Status,
        CA = record.CA,
        Subject = record.Subject,
        AlternativeNames = record.AlternativeNames,
        RequestTime = ParseTime(record.RequestTime),
        FriendlyName = record.FriendlyName,
        ComputerFqdn = record.ComputerFqdn,
        Template = record.Template,
        Key = record.KeyAlgorithm == nameof(KeyAlgorithmIdentifier.RSA) ? "RSA " + record.KeySize : record.KeyAlgorithm,
        Path = record.OutputPath,
        Message = record.StatusMessage,
        NotAfter = ParseOptionalTime(record.NotAfter),
        RenewalDue = RenewalDue(record),
        Renews = record.Renews == 0 ? (int?)null : record.Renews,
        RenewedBy = record.RenewedBy == 0 ? (int?)null : record.RenewedBy,
    };

    public static string FormatTime(DateTime utc) => utc.ToString("o", CultureInfo.InvariantCulture);

    public static DateTime ParseTime(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : default;

    private static DateTime? ParseOptionalTime(string? text) => text == null ? (DateTime?)null : ParseTime(text);

    /// <summary>
    /// When an Issued request's certificate is due by its lifetime (<see cref="RenewalSchedule.ByLifetime"/>); null
    /// for other requests and once a renewal has begun. A CA's renewal window, which only Update-CsCertificate asks
    /// for, can move it.
    /// </summary>
    private static DateTime? RenewalDue(RequestRecord record) =>
        record.Status == RequestStatus.Issued && record.RenewedBy == 0 && record.NotBefore != null && record.NotAfter != null
            ? RenewalSchedule.ByLifetime(ParseTime(record.NotBefore), ParseTime(record.NotAfter))
            : (DateTime?)null;
}
