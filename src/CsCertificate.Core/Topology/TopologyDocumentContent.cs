// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;

namespace CsCertificate.Topology;

/// <summary>
/// What one XML document held: a topology (published or Topology Builder form), simple URLs, both or neither.
/// </summary>
internal sealed class TopologyDocumentContent
{
    public TopologyDocumentContent(
        string source,
        string rootElementName,
        bool hasTopology,
        string? signature,
        string? defaultDomain,
        IReadOnlyList<string> sipDomains,
        IReadOnlyList<TopologyPool> pools,
        bool hasSimpleUrlConfiguration,
        IReadOnlyList<SimpleUrl> simpleUrls)
    {
        Source = source;
        RootElementName = rootElementName;
        HasTopology = hasTopology;
        Signature = signature;
        DefaultDomain = defaultDomain;
        SipDomains = sipDomains;
        Pools = pools;
        HasSimpleUrlConfiguration = hasSimpleUrlConfiguration;
        SimpleUrls = simpleUrls;
    }

    /// <summary>Gets the file (or zip entry) the content came from.</summary>
    public string Source { get; }

    /// <summary>Gets the root element as {namespace}name, to say what an unrecognised document was.</summary>
    public string RootElementName { get; }

    public bool HasTopology { get; }

    /// <summary>Gets a value indicating whether the document held neither a topology nor simple URLs.</summary>
    public bool IsEmpty => !HasTopology && !HasSimpleUrlConfiguration;

    /// <summary>Gets the topology's Signature attribute, which identifies one published version.</summary>
    public string? Signature { get; }

    public string? DefaultDomain { get; }

    public IReadOnlyList<string> SipDomains { get; }

    public IReadOnlyList<TopologyPool> Pools { get; }

    public bool HasSimpleUrlConfiguration { get; }

    public IReadOnlyList<SimpleUrl> SimpleUrls { get; }
}
