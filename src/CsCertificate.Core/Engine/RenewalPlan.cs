// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// A renewal computed and checked, before anything is written: the new request, and its names against those of
/// the certificate it replaces. What -WhatIf shows.
/// </summary>
internal sealed class RenewalPlan
{
    public RenewalPlan(RequestRecord request, NewRequestPlan plan)
    {
        Request = request;
        Plan = plan;
        CurrentNames = Names(new[] { request.SubjectName }.Concat(request.AlternativeNames));
        NewNames = Names(new[] { plan.Naming.SubjectName }.Concat(plan.Csr.AlternativeNames));
        Added = NewNames.Where(n => !CurrentNames.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        Removed = CurrentNames.Where(n => !NewNames.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>Gets the Issued request whose certificate is renewed.</summary>
    public RequestRecord Request { get; }

    /// <summary>Gets the new request, with <see cref="NewRequestPlan.Renews"/> set.</summary>
    public NewRequestPlan Plan { get; }

    /// <summary>Gets the DNS names of the current certificate: its Subject common name, then its SAN, each once.</summary>
    public IReadOnlyList<string> CurrentNames { get; }

    /// <summary>Gets the DNS names of the new request, in the same way.</summary>
    public IReadOnlyList<string> NewNames { get; }

    /// <summary>Gets the names the new certificate has and the current one has not (compared without case, as DNS names are).</summary>
    public IReadOnlyList<string> Added { get; }

    /// <summary>Gets the names the current certificate has and the new one would not.</summary>
    public IReadOnlyList<string> Removed { get; }

    private static IReadOnlyList<string> Names(IEnumerable<string> names)
    {
        var list = new List<string>();
        foreach (string name in names.Where(n => !string.IsNullOrEmpty(n)))
        {
            if (!list.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                list.Add(name);
            }
        }

        return list;
    }
}
