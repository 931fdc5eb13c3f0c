// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Engine;

/// <summary>
/// What the engine reads from the machine, behind one seam so tests can set it.
/// </summary>
internal interface IEngineEnvironment
{
    /// <summary>Gets the current time in UTC.</summary>
    DateTime UtcNow { get; }

    /// <summary>Gets the local computer's FQDN, used when -ComputerFqdn is omitted.</summary>
    string LocalComputerFqdn { get; }

    string? GetEnvironmentVariable(string name);
}
