// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Resources;
using CsCertificate.Topology;

namespace CsCertificate.Naming;

/// <summary>
/// Computes a certificate's Subject name and Subject Alternative Names from the topology, exactly as
/// docs/design/naming.md specifies. A pure function: no PowerShell, no file system.
/// </summary>
internal static class NamingAnalyzer
{
    /// <summary>The most SAN entries a request may carry; public CAs accept 100, AD CS a few hundred.</summary>
    public const int MaxAlternativeNames = 500;

    /// <summary>The fixed order in which each type's names are appended (Combining, rule 1).</summary>
    private static readonly CertType[] s_combineOrder =
    {
        CertType.Default, CertType.WebServicesInternal, CertType.WebServicesExternal, CertType.Internal,
        CertType.AccessEdgeExternal, CertType.DataEdgeExternal, CertType.AudioVideoAuthentication, CertType.External,
        CertType.XmppServer, CertType.OAuthTokenIssuer, CertType.iPhoneAPNService, CertType.iPadAPNService,
        CertType.MPNService, CertType.WsFedTokenTransfer, CertType.UserDefined,
    };

    private static readonly PoolRole[] s_frontEndOrDirector = { PoolRole.FrontEnd, PoolRole.Director };
    private static readonly PoolRole[] s_internalServer = { PoolRole.FrontEnd, PoolRole.Director, PoolRole.Mediation };
    private static readonly PoolRole[] s_edge = { PoolRole.Edge };

    /// <summary>Computes the naming plan for a computer and the requested types.</summary>
    /// <exception cref="CsCertificateException">The computer is unknown, a type does not apply or is not supported, the types need different Subject names, or a name is invalid.</exception>
    public static NamingPlan Analyze(DeploymentTopology topology, string computer, IReadOnlyList<CertType> types, NamingOptions options)
    {
        if (types.Count == 0)
        {
            throw new ArgumentException("At least one certificate type is required.", nameof(types));
        }

        var requested = types.Distinct().ToList();
        foreach (CertType type in requested)
        {
            if (type == CertType.PICWebService || type == CertType.ProvisionService)
            {
                throw new CsCertificateException(ErrorIds.CertTypeNotSupported, ErrorKind.NotSupported, Messages.Format(Strings.CertTypeOnlineOnly, type), type);
            }
        }

        foreach (string name in options.DomainNames)
        {
            CheckName(name, DnsNameUse.AlternativeName, ErrorIds.InvalidDomainName, problem => Messages.Format(Strings.InvalidDomainNameEntry, name, problem));
        }

        ComputerMatch match = FindComputer(topology, computer);
        TopologyPool pool = match.Pool;
        foreach (CertType type in requested)
        {
            if (Array.IndexOf(RolesFor(type), pool.Role) < 0)
            {
                throw NotApplicable(match, type);
            }
        }

        var context = new Context(topology, match, requested, options);
        var notes = new List<string>
        {
            Messages.Format(Strings.NoteComputerFound, match.ComputerFqdn, pool.Fqdn, RoleName(pool.Role), topology.Source),
        };
        notes.AddRange(context.Notes);

        string? subject = null;
        CertType subjectType = requested[0];
        var computed = new List<(string Name, CertType Type)>();
        var cnByType = new List<string>();
        foreach (CertType type in s_combineOrder.Where(requested.Contains))
        {
            (string cn, IReadOnlyList<string> san) = Compute(type, context);
            cnByType.Add(Messages.Format(Strings.SubjectNameOfType, type, cn));
            if (subject == null)
            {
                subject = cn;
                subjectType = type;
            }
            else if (!string.Equals(subject, cn, StringComparison.OrdinalIgnoreCase))
            {
                throw new CsCertificateException(
                    ErrorIds.SubjectNameMismatch,
                    ErrorKind.InvalidArgument,
                    Messages.Format(Strings.SubjectNameMismatch, string.Join("; ", cnByType.Concat(Remaining(requested, type, context)))),
                    string.Join(",", requested));
            }

            computed.AddRange(san.Select(n => (n, type)));
            List<string> names = Deduplicate(san);
            notes.Add(Messages.Format(Strings.NoteTypeNames, type, cn, names.Count == 0 ? Strings.NoneValue : string.Join(", ", names)));
        }

        string subjectName = subject!;
        CheckName(subjectName, DnsNameUse.SubjectName, ErrorIds.InvalidSubjectName, problem => Messages.Format(Strings.InvalidSubjectNameFromType, subjectType, problem));

        // -DomainName entries were checked above; each computed name is blamed on the first type that produced it.
        foreach ((string name, CertType type) in computed)
        {
            CheckName(name, DnsNameUse.AlternativeName, ErrorIds.InvalidDomainName, problem => Messages.Format(Strings.InvalidAlternativeNameFromTopology, type, problem));
        }

        var alternativeNames = Deduplicate(options.DomainNames.Concat(computed.Select(c => c.Name)));

        if (alternativeNames.Count > MaxAlternativeNames)
        {
            throw new CsCertificateException(
                ErrorIds.InvalidDomainName,
                ErrorKind.InvalidArgument,
                Messages.Format(Strings.TooManyAlternativeNames, alternativeNames.Count, MaxAlternativeNames),
                alternativeNames.Count);
        }

        return new NamingPlan(match.ComputerFqdn, pool.Fqdn, pool.Role, requested, subjectName, alternativeNames, Warnings(context, subjectName, alternativeNames), notes);
    }

    private static PoolRole[] RolesFor(CertType type) => type switch
    {
        CertType.Default => s_internalServer,
        CertType.Internal or CertType.AccessEdgeExternal or CertType.DataEdgeExternal or CertType.AudioVideoAuthentication
            or CertType.External or CertType.XmppServer => s_edge,
        CertType.PICWebService or CertType.ProvisionService => Array.Empty<PoolRole>(),
        _ => s_frontEndOrDirector,
    };

    private static ComputerMatch FindComputer(DeploymentTopology topology, string computer)
    {
        CheckName(computer, DnsNameUse.HostName, ErrorIds.InvalidDomainName, problem => Messages.Format(Strings.InvalidComputerName, computer, problem));
        ComputerMatch? match = topology.FindComputer(computer, out IReadOnlyList<ComputerMatch> candidates);
        if (match != null)
        {
            return match;
        }

        var machines = candidates.GroupBy(c => c.ComputerFqdn, StringComparer.OrdinalIgnoreCase).ToList();
        if (machines.Count == 1 && candidates.Count > 1)
        {
            throw new CsCertificateException(
                ErrorIds.ComputerAmbiguous,
                ErrorKind.InvalidArgument,
                Messages.Format(Strings.ComputerInSeveralPools, machines[0].Key, topology.Source, string.Join(", ", candidates.Select(c => Messages.Format(Strings.PoolWithRole, c.Pool.Fqdn, RoleName(c.Pool.Role))))),
                computer);
        }

        if (machines.Count > 1)
        {
            string list = string.Join(", ", machines.Select(m => Messages.Format(Strings.ComputerCandidate, m.Key, string.Join(", ", m.Select(c => c.Pool.Fqdn)))));
            throw new CsCertificateException(
                ErrorIds.ComputerAmbiguous,
                ErrorKind.InvalidArgument,
                Messages.Format(Strings.ComputerAmbiguous, computer, topology.Source, list),
                computer);
        }

        throw new CsCertificateException(
            ErrorIds.ComputerNotInTopology,
            ErrorKind.ObjectNotFound,
            Messages.Format(Strings.ComputerNotInTopology, computer, topology.Source),
            computer);
    }

    private static CsCertificateException NotApplicable(ComputerMatch match, CertType type)
    {
        var applicable = s_combineOrder.Where(t => Array.IndexOf(RolesFor(t), match.Pool.Role) >= 0).ToList();
        string message = Messages.Format(
            Strings.CertTypeNotApplicable,
            match.ComputerFqdn,
            type,
            match.Pool.Fqdn,
            RoleName(match.Pool.Role),
            applicable.Count == 0 ? Strings.NoneValue : string.Join(", ", applicable));
        return new CsCertificateException(ErrorIds.CertTypeNotApplicable, ErrorKind.InvalidOperation, message, type);
    }

    /// <summary>Lists the Subject names of the types not yet computed, so a mismatch message names every type.</summary>
    private static IEnumerable<string> Remaining(IReadOnlyList<CertType> requested, CertType failed, Context context) =>
        s_combineOrder
            .Where(requested.Contains)
            .SkipWhile(t => t != failed)
            .Skip(1)
            .Select(t => Messages.Format(Strings.SubjectNameOfType, t, Compute(t, context).Cn));

    private static (string Cn, IReadOnlyList<string> San) Compute(CertType type, Context c)
    {
        switch (type)
        {
            case CertType.Default:
                return (c.Pool, new[] { c.Pool, c.Computer });
            case CertType.WebServicesInternal:
                return (c.Pool, new[] { c.WebInternal, c.Pool, c.Computer }
                    .Concat(c.SimpleUrlHosts("Meet", "Dialin", "Cscp"))
                    .Concat(c.Scope.Select(d => "LyncdiscoverInternal." + d))
                    .ToList());
            case CertType.WebServicesExternal:
                return (c.Pool, new[] { c.WebExternal }
                    .Concat(c.SimpleUrlHosts("Meet", "Dialin"))
                    .Concat(c.Scope.Select(d => "Lyncdiscover." + d))
                    .ToList());
            case CertType.Internal:
                return (c.Pool, c.DomainNames.Count > 0 ? new[] { c.Pool } : Array.Empty<string>());
            case CertType.AccessEdgeExternal:
                return (c.AccessEdge, AccessEdgeNames(c));
            case CertType.DataEdgeExternal:
                return (c.CombinedWithAccessEdge ? c.AccessEdge : c.DataEdge, new[] { c.DataEdge });
            case CertType.AudioVideoAuthentication:
                string avSubject = c.CombinedWithAccessOrDataEdge ? c.AccessEdge : c.Pool;
                return (avSubject, new[] { avSubject });
            case CertType.External:
                return (c.AccessEdge, AccessEdgeNames(c).Concat(new[] { c.DataEdge, c.AccessEdge }).ToList());
            case CertType.XmppServer:
                return (c.AccessEdge, AccessEdgeNames(c)
                    .Concat(c.Scope.SelectMany(d => new[] { "xmpp." + d, "*." + d }))
                    .ToList());
            case CertType.OAuthTokenIssuer:
                return (c.DefaultDomain, new[] { c.DefaultDomain });
            default:
                // iPhoneAPNService, iPadAPNService, MPNService, WsFedTokenTransfer, UserDefined: no documented rule.
                return (c.Pool, new[] { c.Pool, c.Computer });
        }
    }

    private static IReadOnlyList<string> AccessEdgeNames(Context c) =>
        new[] { c.AccessEdge }.Concat(c.Scope.Select(d => "sip." + d)).ToList();

    private static List<string> Warnings(Context c, string subjectName, IReadOnlyList<string> alternativeNames)
    {
        var warnings = new List<string>();
        bool wantsWeb = c.Types.Contains(CertType.WebServicesInternal) || c.Types.Contains(CertType.WebServicesExternal);
        if (wantsWeb && !c.Topology.HasSimpleUrlConfiguration)
        {
            warnings.Add(Strings.WarnNoSimpleUrls);
        }

        bool wantsAv = c.Types.Contains(CertType.AudioVideoAuthentication) || c.Types.Contains(CertType.External);
        if (wantsAv
            && !string.Equals(c.MediaRelayEdge, subjectName, StringComparison.OrdinalIgnoreCase)
            && !alternativeNames.Contains(c.MediaRelayEdge, StringComparer.OrdinalIgnoreCase))
        {
            warnings.Add(Messages.Format(Strings.WarnAvEdgeNotIncluded, c.MediaRelayEdge));
        }

        if (c.Types.Contains(CertType.OAuthTokenIssuer) && c.Options.KeyAlgorithm == KeyAlgorithmIdentifier.RSA && c.Options.KeySize < 2048)
        {
            warnings.Add(Messages.Format(Strings.WarnOAuthKeySize, c.Options.KeySize));
        }

        foreach (CertType type in c.Types.Where(t => t is CertType.iPhoneAPNService or CertType.iPadAPNService or CertType.MPNService or CertType.WsFedTokenTransfer or CertType.UserDefined))
        {
            warnings.Add(Messages.Format(Strings.WarnNoDocumentedRule, type, c.Pool));
        }

        return warnings;
    }

    /// <summary>Refuses an invalid name; an internationalized one always with its own error id.</summary>
    private static void CheckName(string name, DnsNameUse use, string errorId, Func<string, string> message)
    {
        string? problem = DnsNameRules.Check(name, use);
        if (problem != null)
        {
            string id = DnsNameRules.IsAscii(name) ? errorId : ErrorIds.InternationalizedName;
            throw new CsCertificateException(id, ErrorKind.InvalidArgument, message(problem), name);
        }
    }

    /// <summary>Removes repeats, comparing case-insensitively; the first spelling wins.</summary>
    private static List<string> Deduplicate(IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return names.Where(seen.Add).ToList();
    }

    internal static string RoleName(PoolRole role) => role switch
    {
        PoolRole.FrontEnd => Strings.RoleFrontEnd,
        PoolRole.Director => Strings.RoleDirector,
        PoolRole.Mediation => Strings.RoleMediation,
        PoolRole.Edge => Strings.RoleEdge,
        _ => Strings.RoleNone,
    };

    /// <summary>The symbols of docs/design/naming.md ("Inputs"), resolved once for a request.</summary>
    private sealed class Context
    {
        public Context(DeploymentTopology topology, ComputerMatch match, IReadOnlyList<CertType> types, NamingOptions options)
        {
            Topology = topology;
            Types = types;
            Options = options;
            Computer = match.ComputerFqdn;
            TopologyPool pool = match.Pool;
            Pool = pool.Fqdn;
            DefaultDomain = topology.DefaultDomain;
            Scope = options.AllSipDomain ? topology.SipDomains : new[] { topology.DefaultDomain };
            DomainNames = options.DomainNames;
            WebInternal = pool.WebInternalHost ?? Pool;
            WebExternal = pool.WebExternalHost ?? Pool;
            AccessEdge = EdgeName(pool.AccessEdgeExternalFqdn, "AccessEdge");
            DataEdge = EdgeName(pool.DataEdgeExternalFqdn, "DataEdge");
            MediaRelayEdge = EdgeName(pool.MediaRelayEdgeExternalFqdn, "MediaRelayEdge");
            bool external = types.Contains(CertType.External);
            CombinedWithAccessEdge = external || types.Contains(CertType.AccessEdgeExternal);
            CombinedWithAccessOrDataEdge = CombinedWithAccessEdge || types.Contains(CertType.DataEdgeExternal);
        }

        public DeploymentTopology Topology { get; }

        public IReadOnlyList<CertType> Types { get; }

        public NamingOptions Options { get; }

        public List<string> Notes { get; } = new List<string>();

        public string Computer { get; }

        public string Pool { get; }

        public string DefaultDomain { get; }

        public IReadOnlyList<string> Scope { get; }

        public IReadOnlyList<string> DomainNames { get; }

        public string WebInternal { get; }

        public string WebExternal { get; }

        public string AccessEdge { get; }

        public string DataEdge { get; }

        public string MediaRelayEdge { get; }

        public bool CombinedWithAccessEdge { get; }

        public bool CombinedWithAccessOrDataEdge { get; }

        /// <summary>Gets the hosts of the simple URLs of these components, in the order the inputs list them.</summary>
        public IEnumerable<string> SimpleUrlHosts(params string[] components)
        {
            foreach (SimpleUrl url in Topology.SimpleUrls)
            {
                if (!components.Any(c => string.Equals(c, url.Component, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                foreach (string? address in new[] { url.ActiveUrl }.Concat(url.EntryUrls))
                {
                    if (address != null && Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) && uri.Host.Length > 0)
                    {
                        yield return uri.Host;
                    }
                }
            }
        }

        private string EdgeName(string? configured, string service)
        {
            if (configured != null || !Types.Any(t => Array.IndexOf(RolesFor(t), PoolRole.Edge) >= 0))
            {
                return configured ?? Pool;
            }

            Notes.Add(Messages.Format(Strings.NoteEdgeFallback, service, Pool));
            return Pool;
        }
    }
}
