// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using Xunit;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>A fact about Windows (devices such as NUL, reparse points, GetFinalPathNameByHandle); skipped elsewhere.</summary>
public sealed class WindowsFactAttribute : FactAttribute
{
    public WindowsFactAttribute()
    {
        if (!OperatingSystem.IsWindows())
        {
            Skip = "Windows only: Windows devices, reparse points and final path names";
        }
    }
}
