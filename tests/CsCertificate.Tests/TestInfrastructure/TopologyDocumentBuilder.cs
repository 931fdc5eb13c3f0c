// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>
/// Writes test topologies in the real schemas: the published form (Get-CsTopology -AsXml), the Topology Builder
/// form (.tbxml) and the SimpleUrl document, from one description of pools, roles and names.
/// </summary>
internal sealed class TopologyDocumentBuilder
{
    private static readonly XNamespace s_t = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008";
    private static readonly XNamespace s_tp = "urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008";
    private static readonly XNamespace s_wt = "urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008";
    private static readonly XNamespace s_sr = "urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008";
    private static readonly XNamespace s_su = "urn:schema:Microsoft.Rtc.Management.Settings.SimpleUrl.2008";

    private readonly List<string> _domains;
    private readonly List<Pool> _pools = new List<Pool>();
    private readonly List<(string Component, string Domain, string[] Urls)> _simpleUrls = new List<(string, string, string[])>();

    public TopologyDocumentBuilder(string defaultDomain, params string[] otherDomains)
    {
        _domains = new[] { defaultDomain }.Concat(otherDomains).ToList();
    }

    public string DefaultDomain => _domains[0];

    public TopologyDocumentBuilder FrontEnd(string pool, string[] machines, string? webExternal = null, string? webInternal = null, bool mediation = false) =>
        Add(new Pool(pool, machines) { Registrar = true, WebExternal = webExternal ?? pool, WebInternal = webInternal, Mediation = mediation });

    public TopologyDocumentBuilder Director(string pool, string[] machines, string? webExternal = null) =>
        Add(new Pool(pool, machines) { Registrar = true, Director = true, WebExternal = webExternal ?? pool });

    public TopologyDocumentBuilder Mediation(string pool, string[] machines) =>
        Add(new Pool(pool, machines) { Mediation = true });

    public TopologyDocumentBuilder Edge(string pool, string[] machines, string? accessEdge, string? dataEdge, string? mediaRelayEdge, string? natAddress = null) =>
        Add(new Pool(pool, machines) { Edge = true, AccessEdge = accessEdge, DataEdge = dataEdge, MediaRelayEdge = mediaRelayEdge, NatAddress = natAddress });

    /// <summary>Adds a server without a Lync role that needs a certificate (SQL, file store, Office Web Apps).</summary>
    public TopologyDocumentBuilder SupportServer(string fqdn) => Add(new Pool(fqdn, new[] { fqdn }) { FileStore = true });

    /// <summary>Adds an Office Web Apps (WAC) cluster, whose machines may also be Lync servers.</summary>
    public TopologyDocumentBuilder Wac(string fqdn, string[] machines) => Add(new Pool(fqdn, machines) { Wac = true });

    public TopologyDocumentBuilder SimpleUrl(string component, string domain, params string[] urls)
    {
        _simpleUrls.Add((component, domain, urls));
        return this;
    }

    /// <summary>The published form: clusters with ClusterId, services with ServiceId and InstalledOn/ClusterId.</summary>
    public XDocument Published(string signature = "1f6c2a9e-0d43-4a5b-b2f7-6e8c9d0a1b2c")
    {
        var clusters = new XElement(s_t + "Clusters");
        var services = new XElement(s_t + "Services");
        int number = 0;
        foreach (Pool pool in _pools)
        {
            number++;
            var clusterId = new XElement(s_t + "ClusterId", new XAttribute("SiteId", 1), new XAttribute("Number", number));
            clusters.Add(new XElement(
                s_t + "Cluster",
                new XAttribute("RequiresReplication", "true"),
                new XAttribute("RequiresSetup", "true"),
                new XAttribute("Fqdn", pool.Fqdn),
                clusterId,
                pool.Machines.Select((m, i) => new XElement(
                    s_t + "Machine",
                    new XAttribute("OrdinalInCluster", i + 1),
                    new XAttribute("Fqdn", m),
                    NetInterfaces(pool, s_t)))));
            int instance = number;
            foreach ((string role, XElement[] content) in Services(pool))
            {
                services.Add(new XElement(
                    s_t + "Service",
                    new XAttribute("RoleVersion", 1),
                    new XAttribute("ServiceVersion", 7),
                    new XElement(s_t + "ServiceId", new XAttribute("SiteId", 1), new XAttribute("RoleName", role), new XAttribute("Instance", instance)),
                    new XElement(s_t + "InstalledOn", new XElement(s_t + "ClusterId", new XAttribute("SiteId", 1), new XAttribute("Number", number))),
                    content));
            }
        }

        return new XDocument(new XElement(
            s_t + "Topology",
            new XAttribute("Signature", signature),
            Domains(s_t),
            new XElement(s_t + "Sites", new XElement(s_t + "CentralSite", new XAttribute("SiteId", 1), new XElement(s_t + "Name", "Site1"), new XElement(s_t + "Location"))),
            clusters,
            services));
    }

    /// <summary>The Topology Builder form: clusters under the site with UniqueIds, services pointing at them, simple URLs.</summary>
    public XDocument TopologyBuilderFile()
    {
        var clusters = new XElement(s_wt + "Clusters");
        var services = new XElement(s_wt + "Services");
        int number = 0;
        foreach (Pool pool in _pools)
        {
            number++;
            string id = "00000000-0000-4000-8000-" + number.ToString("D12");
            bool single = pool.Machines.Length == 1 && pool.Machines[0] == pool.Fqdn;
            clusters.Add(new XElement(
                s_wt + "Cluster",
                new XAttribute("IsSingleMachineOnly", single ? "true" : "false"),
                new XAttribute("UniqueId", id),
                new XAttribute("RequiresReplication", "true"),
                new XAttribute("RequiresSetup", "true"),
                new XAttribute("Fqdn", pool.Fqdn),
                new XElement(
                    s_wt + "Machines",
                    single && !pool.Registrar && !pool.Edge
                        ? new[] { new XElement(s_wt + "Machine") }
                        : pool.Machines.Select(m => new XElement(s_wt + "Machine", new XAttribute("Fqdn", m), NetInterfaces(pool, s_t))).ToArray()),
                new XElement(s_wt + "SqlInstances")));
            int service = 0;
            foreach ((string role, XElement[] content) in Services(pool))
            {
                service++;
                services.Add(new XElement(
                    s_wt + "Service",
                    new XAttribute("UniqueId", "10000000-0000-4000-8000-" + (number * 100 + service).ToString("D12")),
                    new XAttribute("RoleName", role),
                    new XAttribute("RoleVersion", 1),
                    new XAttribute("InstalledOn", id),
                    new XAttribute("ServiceVersion", 7),
                    content));
            }
        }

        return new XDocument(new XElement(
            s_tp + "TopologyBuilder",
            new XAttribute("IsFreeFromChanges", "true"),
            new XElement(
                s_tp + "NewTopology",
                new XElement(
                    s_wt + "PartialTopology",
                    new XAttribute("IsPublished", "false"),
                    new XAttribute("Signature", "00000000-0000-0000-0000-000000000000"),
                    Domains(s_t),
                    _simpleUrls.Count > 0 ? SimpleUrlConfiguration() : null,
                    new XElement(
                        s_wt + "CentralSites",
                        new XElement(
                            s_wt + "CentralSite",
                            new XAttribute("SiteId", 1),
                            new XElement(s_t + "Name", "Site1"),
                            new XElement(s_t + "Location"),
                            clusters,
                            new XElement(s_wt + "RemoteSites"))),
                    services))));
    }

    /// <summary>A SimpleUrlConfiguration document on its own.</summary>
    public XDocument SimpleUrlDocument() => new XDocument(SimpleUrlConfiguration());

    private XElement SimpleUrlConfiguration() =>
        new XElement(
            s_su + "SimpleUrlConfiguration",
            new XAttribute("UseBackendDatabase", "false"),
            _simpleUrls.Select(u => new XElement(
                s_su + "SimpleUrl",
                new XAttribute("Component", u.Component),
                new XAttribute("Domain", u.Domain),
                new XAttribute("ActiveUrl", u.Urls[0]),
                u.Urls.Select(url => new XElement(s_su + "SimpleUrlEntry", new XAttribute("Url", url))))));

    private XElement Domains(XNamespace ns) =>
        new XElement(
            ns + "InternalDomains",
            new XAttribute("AllowAllDomains", "false"),
            new XAttribute("DefaultDomain", _domains[0]),
            _domains.Select(d => new XElement(ns + "InternalDomain", new XAttribute("Name", d), new XAttribute("Authoritative", "false"), new XAttribute("AllowSubDomains", "false"))));

    private static IEnumerable<XElement> NetInterfaces(Pool pool, XNamespace ns)
    {
        if (!pool.Edge)
        {
            yield return new XElement(ns + "NetInterface", new XAttribute("InterfaceSide", "Primary"), new XAttribute("InterfaceNumber", 1), new XAttribute("IPAddress", "0.0.0.0"));
            yield break;
        }

        yield return new XElement(ns + "NetInterface", new XAttribute("InterfaceSide", "Internal"), new XAttribute("InterfaceNumber", 1), new XAttribute("IPAddress", "10.0.0.10"));
        var external = new XElement(ns + "NetInterface", new XAttribute("InterfaceSide", "External"), new XAttribute("InterfaceNumber", 1), new XAttribute("IPAddress", "172.16.0.10"));
        if (pool.NatAddress != null)
        {
            external.Add(new XAttribute("ConfiguredIPAddress", pool.NatAddress));
        }

        yield return external;
    }

    private static IEnumerable<(string Role, XElement[] Content)> Services(Pool pool)
    {
        if (pool.Registrar)
        {
            yield return ("Registrar", new[]
            {
                Ports(Port("urn:component:Registrar", "SipServer", "Primary", 5061, null)),
                new XElement(s_sr + "RegistrarService", new XAttribute("IsDirector", pool.Director ? "true" : "false")),
            });
            var web = new XElement(s_sr + "WebService");
            if (pool.WebInternal != null)
            {
                web.Add(new XElement(s_sr + "InternalSettings", new XAttribute("Host", pool.WebInternal)));
            }

            web.Add(new XElement(s_sr + "ExternalSettings", new XAttribute("Host", pool.WebExternal!), new XElement(s_sr + "OverrideUrls")));
            yield return ("WebServices", new[] { Ports(Port("urn:component:OCSWebSite", "WebSite", "External", 4443, null)), web });
        }

        if (pool.Mediation)
        {
            yield return ("MediationServer", new[] { Ports(Port("urn:component:Mediation", "SipServer", "Primary", 5070, null)) });
        }

        if (pool.Edge)
        {
            yield return ("EdgeServer", new[]
            {
                Ports(
                    Port("urn:component:AccessEdge", "SipServer", "Internal", 5061, null),
                    Port("urn:component:AccessEdge", "SipClient", "External", 443, pool.AccessEdge),
                    Port("urn:component:DataEdge", "PsomServer", "Internal", 8057, null),
                    Port("urn:component:DataEdge", "PsomClient", "External", 443, pool.DataEdge),
                    Port("urn:component:MediaRelayEdge", "TURNServer", "Internal", 443, null),
                    Port("urn:component:MediaRelayEdge", "TURNServer", "External", 443, pool.MediaRelayEdge),
                    Port("urn:component:XmppFederationProxy", "XmppServer", "External", 5269, null)),
            });
        }

        if (pool.Wac)
        {
            yield return ("WacService", new[] { new XElement(s_sr + "WacService", new XAttribute("DiscoveryUrl", "https://" + pool.Fqdn + "/hosting/discovery"), new XAttribute("IsExternal", "false")) });
        }

        if (pool.FileStore)
        {
            yield return ("FileStore", new[] { new XElement(s_sr + "FileStoreService", new XAttribute("ShareName", "share")) });
        }
    }

    private static XElement Ports(params XElement[] ports) => new XElement(s_sr + "Ports", ports);

    private static XElement Port(string owner, string usage, string side, int port, string? configuredFqdn)
    {
        var element = new XElement(
            s_sr + "Port",
            new XAttribute("Owner", owner),
            new XAttribute("Usage", usage),
            new XAttribute("InterfaceSide", side),
            new XAttribute("InterfaceNumber", 1),
            new XAttribute("Port", port),
            new XAttribute("Protocol", "Tls"),
            new XAttribute("UrlPath", "/"),
            new XAttribute("AuthorizesRequests", "false"));
        if (configuredFqdn != null)
        {
            element.Add(new XAttribute("ConfiguredFqdn", configuredFqdn));
        }

        return element;
    }

    private TopologyDocumentBuilder Add(Pool pool)
    {
        _pools.Add(pool);
        return this;
    }

    private sealed class Pool
    {
        public Pool(string fqdn, string[] machines)
        {
            Fqdn = fqdn;
            Machines = machines;
        }

        public string Fqdn { get; }

        public string[] Machines { get; }

        public bool Registrar { get; init; }

        public bool Director { get; init; }

        public bool Mediation { get; init; }

        public bool Edge { get; init; }

        public bool FileStore { get; init; }

        public bool Wac { get; init; }

        public string? WebExternal { get; init; }

        public string? WebInternal { get; init; }

        public string? AccessEdge { get; init; }

        public string? DataEdge { get; init; }

        public string? MediaRelayEdge { get; init; }

        public string? NatAddress { get; init; }
    }
}
