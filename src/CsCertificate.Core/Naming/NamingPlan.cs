// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using CsCertificate.Model;
using CsCertificate.Topology;

namespace CsCertificate.Naming;

/// <summary>
/// The names a certificate request must carry, as computed from the topology, and what was noticed on the way.
/// </summary>
/// <param name="ComputerFqdn">The computer (C) as the topology spells it.</param>
/// <param name="PoolFqdn">The pool (P) that holds the computer.</param>
/// <param name="Role">The pool's role.</param>
/// <param name="Types">The requested uses, in the order given, without repeats.</param>
/// <param name="SubjectName">The Subject CN.</param>
/// <param name="AlternativeNames">The SAN entries in their final order.</param>
/// <param name="Warnings">The warnings the naming decisions require (ambiguities and how to override them).</param>
/// <param name="Notes">Explanations of where each name came from, for -Verbose.</param>
internal sealed record NamingPlan(
    string ComputerFqdn,
    string PoolFqdn,
    PoolRole Role,
    IReadOnlyList<CertType> Types,
    string SubjectName,
    IReadOnlyList<string> AlternativeNames,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Notes);
