// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using CsCertificate.Model;
using CsCertificate.Topology;

namespace CsCertificate.Naming;

/// <summary>
/// The names a certificate request must carry, as computed from the topology, and what was noticed on the way.
/// </summary>
internal sealed class NamingPlan
{
    public NamingPlan(
        string computerFqdn,
        string poolFqdn,
        PoolRole role,
        IReadOnlyList<CertType> types,
        string subjectName,
        IReadOnlyList<string> alternativeNames,
        IReadOnlyList<string> warnings,
        IReadOnlyList<string> notes)
    {
        ComputerFqdn = computerFqdn;
        PoolFqdn = poolFqdn;
        Role = role;
        Types = types;
        SubjectName = subjectName;
        AlternativeNames = alternativeNames;
        Warnings = warnings;
        Notes = notes;
    }

    /// <summary>Gets the computer (C) as the topology spells it.</summary>
    public string ComputerFqdn { get; }

    /// <summary>Gets the pool (P) that holds the computer.</summary>
    public string PoolFqdn { get; }

    public PoolRole Role { get; }

    /// <summary>Gets the requested uses, in the order given, without repeats.</summary>
    public IReadOnlyList<CertType> Types { get; }

    /// <summary>Gets the Subject CN.</summary>
    public string SubjectName { get; }

    /// <summary>Gets the SAN entries in their final order.</summary>
    public IReadOnlyList<string> AlternativeNames { get; }

    /// <summary>Gets the warnings the naming decisions require (ambiguities and how to override them).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Gets explanations of where each name came from, for -Verbose.</summary>
    public IReadOnlyList<string> Notes { get; }
}
