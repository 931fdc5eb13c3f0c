// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Csr;

/// <summary>
/// The optional Subject attributes of -Organization, -OU, -City, -State and -Country.
/// </summary>
/// <param name="Organization">O.</param>
/// <param name="OrganizationalUnit">OU.</param>
/// <param name="City">L.</param>
/// <param name="State">S.</param>
/// <param name="Country">C: the two-letter ISO 3166 country code.</param>
internal sealed record SubjectAttributes(string? Organization, string? OrganizationalUnit, string? City, string? State, string? Country)
{
    public static SubjectAttributes None { get; } = new SubjectAttributes(null, null, null, null, null);
}
