// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;

namespace CsCertificate.Tests.Engine;

/// <summary>Gives the engine one <see cref="FakeCaClient"/> for every CA, and remembers what it was asked.</summary>
internal sealed class FakeCaClientFactory : ICaClientFactory
{
    public FakeCaClientFactory(FakeCaClient client) => Client = client;

    public FakeCaClient Client { get; }

    /// <summary>Gets the -CA, -CaAccount and -CaPassword of each client made for -New.</summary>
    public List<(string Ca, string? Account, string? Password)> Created { get; } = new List<(string, string?, string?)>();

    /// <summary>Gets the stored request and CA of each client made for -Retrieve.</summary>
    public List<(int RequestId, string? Ca, string? CaRequestId)> CreatedForStoredRequests { get; } = new List<(int, string?, string?)>();

    public List<int> ChallengesRemoved { get; } = new List<int>();

    public ICaClient Create(string ca, string? account, string? password, Action<string> verbose, AcmeChallengeOptions? challenge = null, Action<string>? warning = null)
    {
        Created.Add((ca, account, password));
        return Client;
    }

    public ICaClient CreateForStoredRequest(int requestId, string? ca, string? caRequestId, Action<string> verbose, AcmeChallengeOptions? challenge = null, Action<string>? warning = null)
    {
        CreatedForStoredRequests.Add((requestId, ca, caRequestId));
        return Client;
    }

    public bool NeedsPassword(string? ca, string? account) => false;

    public IRenewalInfoSource? RenewalInfoSource(string? ca, Action<string> verbose) => null;

    public void RemoveChallenges(int requestId, Action<string> verbose, Action<string> warning) => ChallengesRemoved.Add(requestId);
}
