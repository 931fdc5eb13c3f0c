// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Model;

/// <summary>
/// A computer or server name: a fully qualified domain name, or a host name without its domain (the original
/// cmdlet's examples pass -ComputerFqdn "atl-edge-001"). PowerShell converts strings to it when binding, so a
/// malformed name is refused before the command runs.
/// </summary>
public sealed class Fqdn : IEquatable<Fqdn>
{
    /// <summary>Initializes a new instance of the <see cref="Fqdn"/> class.</summary>
    /// <param name="value">The name: ASCII letters, digits and hyphens in dot-separated labels.</param>
    /// <exception cref="ArgumentException">The name is not a valid host name.</exception>
    public Fqdn(string value)
    {
        string? problem = DnsNameRules.Check(value?.Trim(), DnsNameUse.HostName);
        if (problem != null)
        {
            throw new ArgumentException(problem);
        }

        Value = value!.Trim();
    }

    /// <summary>Gets the name as given.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Compares names as DNS does, ignoring case.</summary>
    public bool Equals(Fqdn? other) => other != null && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Fqdn);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);
}
