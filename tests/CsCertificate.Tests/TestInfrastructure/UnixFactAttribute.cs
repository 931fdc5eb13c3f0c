// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using Xunit;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>A fact about Linux and macOS file systems (FIFOs, sockets, devices); skipped on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Linux and macOS only: FIFOs, Unix sockets and device nodes";
        }
    }
}
