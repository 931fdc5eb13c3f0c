// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Linq;
using System.Xml.Linq;
using CsCertificate.Topology;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>Loads documents written by <see cref="TopologyDocumentBuilder"/> the way the module loads files.</summary>
internal static class TestTopologies
{
    public static DeploymentTopology Load(params XDocument[] documents) =>
        TopologyLoader.Load(documents.Select((d, i) => TopologyInput.FromText("document" + (i + 1), d.ToString())).ToList());

    public static DeploymentTopology LoadFiles(params string[] paths) =>
        TopologyLoader.Load(paths.Select(TopologyInput.FromFile).ToList());
}
