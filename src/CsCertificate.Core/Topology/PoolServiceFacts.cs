// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Topology;

/// <summary>
/// What the services installed on one cluster say about it; filled while a document is read.
/// </summary>
internal sealed class PoolServiceFacts
{
    public bool HasRegistrar { get; set; }

    public bool IsDirector { get; set; }

    public bool HasMediation { get; set; }

    public bool HasEdge { get; set; }

    public string? WebInternalHost { get; set; }

    public string? WebExternalHost { get; set; }

    public string? AccessEdgeExternalFqdn { get; set; }

    public string? DataEdgeExternalFqdn { get; set; }

    public string? MediaRelayEdgeExternalFqdn { get; set; }
}
