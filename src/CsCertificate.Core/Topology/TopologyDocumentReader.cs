// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Topology;

/// <summary>
/// Reads one XML document in a single forward pass and keeps only what certificate naming needs: SIP domains,
/// clusters with their machines, the services installed on them, and SimpleUrlConfiguration elements wherever
/// they appear. It understands the published form (Get-CsTopology -AsXml) and the Topology Builder form
/// (.tbxml), and finds both inside wrapper documents such as the entries of an Export-CsConfiguration zip.
/// </summary>
/// <remarks>
/// DTDs are prohibited and no resolver is set, so neither external entities nor entity expansion can occur;
/// documents are bounded in size and depth. Streaming keeps a 20,000-machine topology cheap to read.
/// </remarks>
internal static class TopologyDocumentReader
{
    /// <summary>The largest document accepted, in characters.</summary>
    public const long MaxDocumentCharacters = 256L * 1024 * 1024;

    /// <summary>The deepest element nesting accepted; real topology documents stay under 12.</summary>
    public const int MaxDepth = 64;

    private static readonly string s_topology = TopologyNamespaces.Topology.NamespaceName;
    private static readonly string s_topologyBuilder = TopologyNamespaces.TopologyBuilder.NamespaceName;
    private static readonly string s_writableTopology = TopologyNamespaces.WritableTopology.NamespaceName;
    private static readonly string s_serviceRoles = TopologyNamespaces.ServiceRoles.NamespaceName;
    private static readonly string s_simpleUrl = TopologyNamespaces.SimpleUrl.NamespaceName;

    /// <summary>Reads a document from a stream of bytes in any encoding a Windows tool writes.</summary>
    /// <exception cref="CsCertificateException">The document is not well-formed, too large, too deep, or holds a DTD.</exception>
    public static TopologyDocumentContent Read(Stream stream, string source)
    {
        stream = Seekable(stream);
        long start = stream.Position;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = MaxDocumentCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };

        State? state = null;
        try
        {
            using TextReader text = TextDecoder.Open(stream);
            using XmlReader reader = XmlReader.Create(text, settings);
            state = new State(source, (IXmlLineInfo)reader);
            return state.Run(reader);
        }
        catch (XmlException ex)
        {
            int? doctypeLine = state?.RootName == null ? DoctypeLine(stream, start) : null;
            string message = doctypeLine != null
                ? Messages.Format(Strings.TopologyDtdRefused, source, doctypeLine)
                : Messages.Format(Strings.TopologyXmlMalformed, source, ex.LineNumber, ex.LinePosition, ex.Message);
            throw new CsCertificateException(ErrorIds.TopologyInvalid, ErrorKind.InvalidData, message, source, ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new CsCertificateException(
                ErrorIds.TopologyInvalid,
                ErrorKind.InvalidData,
                Messages.Format(Strings.TopologyNotText, source, ex.Message),
                source,
                ex);
        }
    }

    /// <summary>
    /// Tells a refused DTD from other XML errors, which both surface as XmlException before the root element.
    /// </summary>
    /// <returns>The line of the document type declaration, or null when there is none.</returns>
    private static int? DoctypeLine(Stream stream, long start)
    {
        stream.Position = start;
        using TextReader text = TextDecoder.Open(stream);
        var prolog = new StringBuilder();
        try
        {
            string? line;
            while (prolog.Length < 64 * 1024 && (line = text.ReadLine()) != null)
            {
                prolog.Append(line).Append('\n');
            }
        }
        catch (DecoderFallbackException)
        {
            // Bytes after the XML error need not be text; a declaration would be in what was read before them.
        }

        int at = prolog.ToString().IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        return at < 0 ? null : 1 + prolog.ToString(0, at).Count(c => c == '\n');
    }

    private static Stream Seekable(Stream stream)
    {
        if (stream.CanSeek)
        {
            return stream;
        }

        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>The parse state of one document.</summary>
    private sealed class State
    {
        private readonly string _source;
        private readonly IXmlLineInfo _lineInfo;
        private readonly string[] _path = new string[MaxDepth + 2];
        private readonly List<string> _sipDomains = new List<string>();
        private readonly List<ClusterEntry> _clusters = new List<ClusterEntry>();
        private readonly Dictionary<string, PoolServiceFacts> _servicesByCluster = new Dictionary<string, PoolServiceFacts>(StringComparer.OrdinalIgnoreCase);
        private readonly List<SimpleUrl> _simpleUrls = new List<SimpleUrl>();

        private bool _hasTopology;
        private string? _signature;
        private string? _defaultDomain;
        private bool _hasSimpleUrlConfiguration;
        private string? _rootName;

        /// <summary>Gets the root element as {namespace}name, once the first element has been read.</summary>
        public string? RootName => _rootName;

        private ClusterEntry? _cluster;
        private int _clusterDepth = -1;
        private ServiceEntry? _service;
        private int _serviceDepth = -1;
        private SimpleUrlEntry? _simpleUrl;
        private int _simpleUrlDepth = -1;

        public State(string source, IXmlLineInfo lineInfo)
        {
            _source = source;
            _lineInfo = lineInfo;
        }

        public TopologyDocumentContent Run(XmlReader reader)
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                int depth = reader.Depth;
                if (depth > MaxDepth)
                {
                    throw Invalid(Messages.Format(Strings.TopologyTooDeep, _source, MaxDepth, _lineInfo.LineNumber));
                }

                CloseScopes(depth);
                _path[depth] = reader.LocalName;
                if (_rootName == null)
                {
                    _rootName = "{" + reader.NamespaceURI + "}" + reader.LocalName;
                }

                OnElement(reader, depth);
            }

            CloseScopes(0);
            return Build();
        }

        private void OnElement(XmlReader reader, int depth)
        {
            string space = reader.NamespaceURI;
            string name = reader.LocalName;
            string parent = depth > 0 ? _path[depth - 1] : string.Empty;

            if (space == s_topology)
            {
                OnTopologyNamespaceElement(reader, depth, name, parent);
            }
            else if (space == s_writableTopology)
            {
                if (name == "PartialTopology")
                {
                    _hasTopology = true;
                    _signature ??= reader.GetAttribute("Signature");
                }
                else if (name == "Cluster")
                {
                    OpenCluster(reader, depth, reader.GetAttribute("UniqueId"));
                }
                else if (name == "Machine" && _cluster != null)
                {
                    // In single-machine clusters of a .tbxml the Machine element is empty: the cluster FQDN names it.
                    _cluster.Machines.Add(reader.GetAttribute("Fqdn") ?? _cluster.Fqdn);
                }
                else if (name == "Service")
                {
                    OpenService(depth, reader.GetAttribute("RoleName"), reader.GetAttribute("InstalledOn"));
                }
            }
            else if (space == s_serviceRoles && _service != null)
            {
                OnServiceRoleElement(reader, name, parent);
            }
            else if (space == s_simpleUrl)
            {
                OnSimpleUrlElement(reader, depth, name);
            }
            else if (space == s_topologyBuilder && name == "TopologyBuilder")
            {
                _hasTopology = true;
            }
        }

        private void OnTopologyNamespaceElement(XmlReader reader, int depth, string name, string parent)
        {
            switch (name)
            {
                case "Topology":
                    _hasTopology = true;
                    _signature ??= reader.GetAttribute("Signature");
                    break;
                case "InternalDomains":
                    _defaultDomain ??= reader.GetAttribute("DefaultDomain");
                    break;
                case "InternalDomain":
                    string? domain = reader.GetAttribute("Name");
                    if (!string.IsNullOrEmpty(domain))
                    {
                        _sipDomains.Add(domain!);
                    }

                    break;
                case "Cluster":
                    OpenCluster(reader, depth, null);
                    break;
                case "ClusterId":
                    string key = reader.GetAttribute("SiteId") + ":" + reader.GetAttribute("Number");
                    if (_service != null && parent == "InstalledOn")
                    {
                        _service.InstalledOn = key;
                    }
                    else if (_cluster != null && _service == null && depth == _clusterDepth + 1)
                    {
                        _cluster.Key = key;
                    }

                    break;
                case "Machine" when _cluster != null:
                    _cluster.Machines.Add(reader.GetAttribute("Fqdn") ?? _cluster.Fqdn);
                    break;
                case "Service":
                    OpenService(depth, null, null);
                    break;
                case "ServiceId" when _service != null && depth == _serviceDepth + 1:
                    _service.RoleName = reader.GetAttribute("RoleName");
                    break;
            }
        }

        private void OnServiceRoleElement(XmlReader reader, string name, string parent)
        {
            PoolServiceFacts facts = _service!.Facts;
            switch (name)
            {
                case "RegistrarService":
                    facts.IsDirector = string.Equals(reader.GetAttribute("IsDirector"), "true", StringComparison.OrdinalIgnoreCase);
                    break;
                case "ExternalSettings" when parent == "WebService":
                    facts.WebExternalHost ??= NonEmpty(reader.GetAttribute("Host"));
                    break;
                case "InternalSettings" when parent == "WebService":
                    facts.WebInternalHost ??= NonEmpty(reader.GetAttribute("Host"));
                    break;
                case "Port":
                    if (!string.Equals(reader.GetAttribute("InterfaceSide"), "External", StringComparison.OrdinalIgnoreCase))
                    {
                        break;
                    }

                    string? fqdn = NonEmpty(reader.GetAttribute("ConfiguredFqdn"));
                    switch (reader.GetAttribute("Owner"))
                    {
                        case "urn:component:AccessEdge":
                            facts.AccessEdgeExternalFqdn ??= fqdn;
                            break;
                        case "urn:component:DataEdge":
                            facts.DataEdgeExternalFqdn ??= fqdn;
                            break;
                        case "urn:component:MediaRelayEdge":
                            facts.MediaRelayEdgeExternalFqdn ??= fqdn;
                            break;
                    }

                    break;
            }
        }

        private void OnSimpleUrlElement(XmlReader reader, int depth, string name)
        {
            switch (name)
            {
                case "SimpleUrlConfiguration":
                    _hasSimpleUrlConfiguration = true;
                    break;
                case "SimpleUrl":
                    CloseSimpleUrl();
                    _simpleUrl = new SimpleUrlEntry(
                        reader.GetAttribute("Component") ?? string.Empty,
                        reader.GetAttribute("Domain") ?? string.Empty,
                        NonEmpty(reader.GetAttribute("ActiveUrl")));
                    _simpleUrlDepth = depth;
                    break;
                case "SimpleUrlEntry" when _simpleUrl != null:
                    string? url = NonEmpty(reader.GetAttribute("Url"));
                    if (url != null)
                    {
                        _simpleUrl.Urls.Add(url);
                    }

                    break;
            }
        }

        private void OpenCluster(XmlReader reader, int depth, string? uniqueId)
        {
            CloseCluster();
            string? fqdn = NonEmpty(reader.GetAttribute("Fqdn"));
            if (fqdn == null)
            {
                throw Invalid(Messages.Format(Strings.TopologyClusterWithoutFqdn, _source, _lineInfo.LineNumber));
            }

            _cluster = new ClusterEntry(fqdn, uniqueId);
            _clusterDepth = depth;
        }

        private void OpenService(int depth, string? roleName, string? installedOn)
        {
            CloseService();
            _service = new ServiceEntry { RoleName = roleName, InstalledOn = installedOn };
            _serviceDepth = depth;
        }

        /// <summary>Ends every open scope (cluster, service, simple URL) that the element at this depth leaves.</summary>
        private void CloseScopes(int depth)
        {
            if (_cluster != null && depth <= _clusterDepth)
            {
                CloseCluster();
            }

            if (_service != null && depth <= _serviceDepth)
            {
                CloseService();
            }

            if (_simpleUrl != null && depth <= _simpleUrlDepth)
            {
                CloseSimpleUrl();
            }
        }

        private void CloseCluster()
        {
            if (_cluster != null)
            {
                _clusters.Add(_cluster);
                _cluster = null;
                _clusterDepth = -1;
            }
        }

        private void CloseService()
        {
            if (_service == null)
            {
                return;
            }

            ServiceEntry service = _service;
            _service = null;
            _serviceDepth = -1;
            if (service.InstalledOn == null)
            {
                return;
            }

            if (!_servicesByCluster.TryGetValue(service.InstalledOn, out PoolServiceFacts? facts))
            {
                facts = new PoolServiceFacts();
                _servicesByCluster[service.InstalledOn] = facts;
            }

            Merge(facts, service);
        }

        private void CloseSimpleUrl()
        {
            if (_simpleUrl != null)
            {
                _simpleUrls.Add(new SimpleUrl(_simpleUrl.Component, _simpleUrl.Domain, _simpleUrl.ActiveUrl, _simpleUrl.Urls));
                _simpleUrl = null;
                _simpleUrlDepth = -1;
            }
        }

        private static void Merge(PoolServiceFacts facts, ServiceEntry service)
        {
            PoolServiceFacts found = service.Facts;
            switch (service.RoleName)
            {
                case "Registrar":
                    facts.HasRegistrar = true;
                    facts.IsDirector = found.IsDirector;
                    break;
                case "MediationServer":
                    facts.HasMediation = true;
                    break;
                case "EdgeServer":
                    facts.HasEdge = true;
                    facts.AccessEdgeExternalFqdn ??= found.AccessEdgeExternalFqdn;
                    facts.DataEdgeExternalFqdn ??= found.DataEdgeExternalFqdn;
                    facts.MediaRelayEdgeExternalFqdn ??= found.MediaRelayEdgeExternalFqdn;
                    break;
                case "WebServices":
                    facts.WebExternalHost ??= found.WebExternalHost;
                    facts.WebInternalHost ??= found.WebInternalHost;
                    break;
            }
        }

        private TopologyDocumentContent Build()
        {
            var pools = new List<TopologyPool>();
            if (_hasTopology)
            {
                if (string.IsNullOrEmpty(_defaultDomain))
                {
                    throw Invalid(Messages.Format(Strings.TopologyNoDefaultDomain, _source));
                }

                foreach (ClusterEntry cluster in _clusters)
                {
                    PoolServiceFacts? facts = null;
                    if (cluster.Key != null)
                    {
                        _servicesByCluster.TryGetValue(cluster.Key, out facts);
                    }

                    pools.Add(new TopologyPool(cluster.Fqdn, cluster.Machines.Count > 0 ? cluster.Machines : new List<string> { cluster.Fqdn }, facts ?? new PoolServiceFacts()));
                }
            }

            // The default SIP domain comes first; the others keep document order.
            var domains = new List<string>();
            if (!string.IsNullOrEmpty(_defaultDomain))
            {
                domains.Add(_defaultDomain!);
            }

            foreach (string domain in _sipDomains)
            {
                if (!domains.Exists(d => string.Equals(d, domain, StringComparison.OrdinalIgnoreCase)))
                {
                    domains.Add(domain);
                }
            }

            return new TopologyDocumentContent(_source, _rootName ?? string.Empty, _hasTopology, _signature, _defaultDomain, domains, pools, _hasSimpleUrlConfiguration, _simpleUrls);
        }

        private CsCertificateException Invalid(string message) =>
            new CsCertificateException(ErrorIds.TopologyInvalid, ErrorKind.InvalidData, message, _source);

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    /// <summary>A cluster being read.</summary>
    private sealed class ClusterEntry
    {
        public ClusterEntry(string fqdn, string? uniqueId)
        {
            Fqdn = fqdn;
            Key = uniqueId;
        }

        public string Fqdn { get; }

        /// <summary>Gets or sets the key services use to point at the cluster: "site:number" or the UniqueId.</summary>
        public string? Key { get; set; }

        public List<string> Machines { get; } = new List<string>();
    }

    /// <summary>A service being read.</summary>
    private sealed class ServiceEntry
    {
        public string? RoleName { get; set; }

        public string? InstalledOn { get; set; }

        public PoolServiceFacts Facts { get; } = new PoolServiceFacts();
    }

    /// <summary>A simple URL being read.</summary>
    private sealed class SimpleUrlEntry
    {
        public SimpleUrlEntry(string component, string domain, string? activeUrl)
        {
            Component = component;
            Domain = domain;
            ActiveUrl = activeUrl;
        }

        public string Component { get; }

        public string Domain { get; }

        public string? ActiveUrl { get; }

        public List<string> Urls { get; } = new List<string>();
    }
}
