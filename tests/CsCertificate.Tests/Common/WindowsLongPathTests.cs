// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Common;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Common;

/// <summary>The paths the module's own Win32 calls get: long ones with the \\?\ prefix.</summary>
public sealed class WindowsLongPathTests
{
    [Fact]
    public void AShortPathIsLeftAsItIs()
    {
        Assert.Equal(@"C:\ProgramData\CsCertificate\keys\000001.key", WindowsLongPath.ForNativeCall(@"C:\ProgramData\CsCertificate\keys\000001.key"));
        Assert.Equal(@"\\?\C:\x", WindowsLongPath.ForNativeCall(@"\\?\C:\x"));
    }

    [WindowsFact]
    public void ALongPathGetsTheExtendedPrefixLocalOrUnc()
    {
        string tail = new string('a', 120) + @"\" + new string('b', 120) + @"\000001.key";

        Assert.Equal(@"\\?\C:\" + tail, WindowsLongPath.ForNativeCall(@"C:\" + tail));
        Assert.Equal(@"\\?\UNC\server\share\" + tail, WindowsLongPath.ForNativeCall(@"\\server\share\" + tail));
    }
}
