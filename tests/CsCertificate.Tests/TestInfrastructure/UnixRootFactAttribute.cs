// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using Xunit;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>A fact that needs root on Linux or macOS, to give files to another user; skipped, with the reason, elsewhere.</summary>
public sealed class UnixRootFactAttribute : FactAttribute
{
    public UnixRootFactAttribute()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Skip = "Unix owners and modes: Windows has access lists instead (WindowsAccessRulesTests, StoreFolderGuardTests).";
        }
        else if (!OperatingSystem.IsWindows() && UnixFiles.EffectiveUserId != 0)
        {
            Skip = "Giving a file to another user (chown) needs root.";
        }
    }
}
