// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.InteropServices;
using Xunit;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>A fact about Windows (devices such as NUL, reparse points, GetFinalPathNameByHandle); skipped elsewhere.</summary>
public sealed class WindowsFactAttribute : FactAttribute
{
    public WindowsFactAttribute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Skip = "Windows only: Windows devices, reparse points and final path names";
        }
    }
}
