// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using CsCertificate.Engine;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>Hands the engine the clients a test made, by the -CA they stand for; other CAs as the module makes them.</summary>
internal sealed class TestClientFactory : ICaClientFactory
{
    private readonly CaClientFactory _module;

    public TestClientFactory(IEngineEnvironment environment, string dataFolder) =>
        _module = new CaClientFactory(environment.GetEnvironmentVariable, dataFolder, CaClientFactory.CreateAcmeHandler);

    /// <summary>Gets the clients by -CA; each is given the account and password it was asked with.</summary>
    public Dictionary<string, Func<string?, string?, ICaClient>> Clients { get; } = new Dictionary<string, Func<string?, string?, ICaClient>>(StringComparer.OrdinalIgnoreCase);

    public ICaClient Create(string ca, string? account, string? password, Action<string> verbose, AcmeChallengeOptions? challenge = null, Action<string>? warning = null) =>
        Clients.TryGetValue(ca, out Func<string?, string?, ICaClient>? client) ? client(account, password) : _module.Create(ca, account, password, verbose, challenge, warning);

    public ICaClient CreateForStoredRequest(int requestId, string? ca, string? caRequestId, Action<string> verbose, AcmeChallengeOptions? challenge = null, Action<string>? warning = null) =>
        ca != null && Clients.TryGetValue(ca, out Func<string?, string?, ICaClient>? client) ? client(null, null) : _module.CreateForStoredRequest(requestId, ca, caRequestId, verbose, challenge, warning);

    public bool NeedsPassword(string? ca, string? account) => _module.NeedsPassword(ca, account);

    public IRenewalInfoSource? RenewalInfoSource(string? ca, Action<string> verbose) =>
        ca != null && Clients.TryGetValue(ca, out Func<string?, string?, ICaClient>? client) ? client(null, null) as IRenewalInfoSource : _module.RenewalInfoSource(ca, verbose);

    public void RemoveChallenges(int requestId, Action<string> verbose, Action<string> warning) => _module.RemoveChallenges(requestId, verbose, warning);
}
