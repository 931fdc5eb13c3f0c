// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Csr;

/// <summary>
/// The optional Subject attributes of -Organization, -OU, -City, -State and -Country.
/// </summary>
internal sealed class SubjectAttributes
{
    public SubjectAttributes(string? organization, string? organizationalUnit, string? city, string? state, string? country)
    {
        Organization = organization;
        OrganizationalUnit = organizationalUnit;
        City = city;
        State = state;
        Country = country;
    }

    public static SubjectAttributes None { get; } = new SubjectAttributes(null, null, null, null, null);

    public string? Organization { get; }

    public string? OrganizationalUnit { get; }

    public string? City { get; }

    public string? State { get; }

    /// <summary>Gets the two-letter ISO 3166 country code.</summary>
    public string? Country { get; }
}
