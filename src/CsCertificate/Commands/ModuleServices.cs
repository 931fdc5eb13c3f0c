// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Net.Http;
using CsCertificate.CaClient;
using CsCertificate.Certificates;
using CsCertificate.Engine;
using CsCertificate.Store;

namespace CsCertificate.Commands;

/// <summary>
/// The composition root: the one place that builds what the cmdlets and the argument completers work with (the
/// data folder's store, the engine, the CA clients, the certificate installer) from their session. Building it
/// loads and opens nothing: the installer and the ACME transport are made only when a request needs them, so
/// importing the module stays cheap.
/// </summary>
internal sealed class ModuleServices
{
    private readonly Func<ICertificateInstaller> _installer;
    private readonly Func<HttpMessageHandler> _acmeHandler;

    /// <param name="environment">The machine's clock, name and environment variables.</param>
    /// <param name="installer">Makes the installer that issued certificates go through.</param>
    /// <param name="acmeHandler">Makes the HTTP transport of one ACME conversation.</param>
    public ModuleServices(IEngineEnvironment environment, Func<ICertificateInstaller> installer, Func<HttpMessageHandler> acmeHandler)
    {
        Environment = environment;
        _installer = installer;
        _acmeHandler = acmeHandler;
    }

    /// <summary>Gets the real machine's services: its environment, its certificate store, its network.</summary>
    public static ModuleServices Machine { get; } = new ModuleServices(SystemEnvironment.Instance, () => new X509StoreInstaller(), CaClientFactory.CreateAcmeHandler);

    /// <summary>
    /// Gets or sets how a command or completer gets its services: <see cref="Machine"/>, unless a test runs the
    /// cmdlets with its own environment, installer or ACME server (and puts <see cref="Machine"/> back).
    /// </summary>
    internal static Func<ModuleServices> Create { get; set; } = () => Machine;

    /// <summary>Gets the machine's facts and environment variables.</summary>
    public IEngineEnvironment Environment { get; }

    /// <summary>The store of the data folder, as this session sees it.</summary>
    /// <param name="currentFolder">PowerShell's current file system location, which a relative $env:CSCERTIFICATE_HOME starts from.</param>
    public RequestStore Store(string currentFolder) => new RequestStore(StoreLocation.Resolve(Environment.GetEnvironmentVariable, currentFolder));

    /// <summary>The engine of Request-CsCertificate.</summary>
    /// <param name="store">The session's store (<see cref="Store"/>).</param>
    /// <param name="session">The management shell's topology, when the session has one.</param>
    /// <param name="currentFolder">PowerShell's current file system location.</param>
    public CertificateRequestEngine Engine(RequestStore store, ISessionTopologySource? session, string currentFolder) =>
        new CertificateRequestEngine(Environment, store, session, Clients(store), _installer(), currentFolder);

    /// <summary>The renewer of Update-CsCertificate, with an engine of its own that makes the new requests.</summary>
    /// <param name="store">The session's store (<see cref="Store"/>).</param>
    /// <param name="session">The management shell's topology, when the session has one.</param>
    /// <param name="currentFolder">PowerShell's current file system location.</param>
    public CertificateRenewer Renewer(RequestStore store, ISessionTopologySource? session, string currentFolder)
    {
        ICaClientFactory clients = Clients(store);
        return new CertificateRenewer(new CertificateRequestEngine(Environment, store, session, clients, _installer(), currentFolder), clients, Environment);
    }

    /// <summary>The importer of Import-CsCertificate.</summary>
    /// <param name="store">The session's store (<see cref="Store"/>).</param>
    public CertificateImporter Importer(RequestStore store)
    {
        ICertificateInstaller installer = _installer();
        return new CertificateImporter(store, new RequestCompletion(store, installer, Environment), installer, Environment);
    }

    /// <summary>The exporter of Export-CsCertificate.</summary>
    /// <param name="store">The session's store (<see cref="Store"/>).</param>
    public CertificateExporter Exporter(RequestStore store) => new CertificateExporter(store, _installer());

    // -DnsScript runs in the command's own session (its modules and variables), whichever command asks.
    private CaClientFactory Clients(RequestStore store) =>
        new CaClientFactory(Environment.GetEnvironmentVariable, store.Home, _acmeHandler, new PowerShellDnsScriptRunner());

    /// <summary>Where the topology comes from, as -New would find it without a management shell (tab completion).</summary>
    /// <param name="store">The session's store (<see cref="Store"/>).</param>
    /// <param name="currentFolder">PowerShell's current file system location.</param>
    public TopologySourceResolver TopologySources(RequestStore store, string currentFolder) =>
        new TopologySourceResolver(Environment, null, store.Home, currentFolder);
}
