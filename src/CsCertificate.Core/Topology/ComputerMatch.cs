// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Topology;

/// <summary>
/// The computer found in a topology: its FQDN as the topology spells it, and the pool that holds it.
/// </summary>
internal sealed record ComputerMatch(string ComputerFqdn, TopologyPool Pool);
