// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using CsCertificate.CaClient;
using CsCertificate.Engine;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>Hands the engine the clients a test made, by the -CA they stand for; other CAs as the module makes them.</summary>
internal sealed class TestClientFactory : CaClientFactory
{
    public TestClientFactory(IEngineEnvironment environment, string dataFolder)
        : base(environment, dataFolder)
    {
    }

    /// <summary>Gets the clients by -CA; each is given the account and password it was asked with.</summary>
    public Dictionary<string, Func<string?, string?, ICaClient>> Clients { get; } = new Dictionary<string, Func<string?, string?, ICaClient>>(StringComparer.OrdinalIgnoreCase);

    public override ICaClient Create(string ca, string? account, string? password, Action<string> verbose) =>
        Clients.TryGetValue(ca, out Func<string?, string?, ICaClient>? client) ? client(account, password) : base.Create(ca, account, password, verbose);
}
