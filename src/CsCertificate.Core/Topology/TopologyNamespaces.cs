// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Xml.Linq;

namespace CsCertificate.Topology;

/// <summary>
/// The XML namespaces of topology documents (docs/design/architecture.md, "Topology documents").
/// </summary>
internal static class TopologyNamespaces
{
    public static readonly XNamespace Topology = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008";
    public static readonly XNamespace TopologyBuilder = "urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008";
    public static readonly XNamespace WritableTopology = "urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008";
    public static readonly XNamespace ServiceRoles = "urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008";
    public static readonly XNamespace SimpleUrl = "urn:schema:Microsoft.Rtc.Management.Settings.SimpleUrl.2008";
}
