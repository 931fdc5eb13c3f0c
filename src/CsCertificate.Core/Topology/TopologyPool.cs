// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;

namespace CsCertificate.Topology;

/// <summary>
/// A pool (Cluster element) with the facts of its services that certificate naming needs.
/// </summary>
internal sealed record TopologyPool
{
    public TopologyPool(string fqdn, IReadOnlyList<string> machines, PoolServiceFacts services)
    {
        Fqdn = fqdn;
        Machines = machines;
        HasRegistrar = services.HasRegistrar;
        IsDirector = services.IsDirector;
        HasMediation = services.HasMediation;
        HasEdge = services.HasEdge;
        WebInternalHost = services.WebInternalHost;
        WebExternalHost = services.WebExternalHost;
        AccessEdgeExternalFqdn = services.AccessEdgeExternalFqdn;
        DataEdgeExternalFqdn = services.DataEdgeExternalFqdn;
        MediaRelayEdgeExternalFqdn = services.MediaRelayEdgeExternalFqdn;
        Role = HasRegistrar ? (IsDirector ? PoolRole.Director : PoolRole.FrontEnd)
            : HasMediation ? PoolRole.Mediation
            : HasEdge ? PoolRole.Edge
            : PoolRole.None;
    }

    /// <summary>Gets the pool FQDN (Cluster/@Fqdn).</summary>
    public string Fqdn { get; }

    /// <summary>Gets the FQDNs of the pool's machines, in document order.</summary>
    public IReadOnlyList<string> Machines { get; }

    public PoolRole Role { get; }

    public bool HasRegistrar { get; }

    public bool IsDirector { get; }

    public bool HasMediation { get; }

    public bool HasEdge { get; }

    /// <summary>Gets the internal web services override (WebService/InternalSettings/@Host), if any.</summary>
    public string? WebInternalHost { get; }

    /// <summary>Gets the external web services FQDN (WebService/ExternalSettings/@Host), if any.</summary>
    public string? WebExternalHost { get; }

    /// <summary>Gets the ConfiguredFqdn of the Access Edge's external ports, if any.</summary>
    public string? AccessEdgeExternalFqdn { get; }

    /// <summary>Gets the ConfiguredFqdn of the Web Conferencing (data) Edge's external ports, if any.</summary>
    public string? DataEdgeExternalFqdn { get; }

    /// <summary>Gets the ConfiguredFqdn of the A/V (media relay) Edge's external ports, if any.</summary>
    public string? MediaRelayEdgeExternalFqdn { get; }
}
