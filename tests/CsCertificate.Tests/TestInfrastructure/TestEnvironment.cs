// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using CsCertificate.Engine;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>A machine with a chosen name, clock and environment variables.</summary>
internal sealed class TestEnvironment : IEngineEnvironment
{
    public TestEnvironment(string home, string localComputerFqdn = "fe1.contoso.com")
    {
        Variables["CSCERTIFICATE_HOME"] = home;
        LocalComputerFqdn = localComputerFqdn;
    }

    public Dictionary<string, string> Variables { get; } = new Dictionary<string, string>();

    public DateTime UtcNow { get; set; } = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    public string LocalComputerFqdn { get; set; }

    public string? GetEnvironmentVariable(string name) => Variables.TryGetValue(name, out string? value) ? value : null;
}
