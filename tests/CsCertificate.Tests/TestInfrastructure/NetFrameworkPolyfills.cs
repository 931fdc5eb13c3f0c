// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

// What the tests use of newer .NET that .NET Framework 4.8 (the runtime of Windows PowerShell 5.1) lacks, for the
// net48 build of the tests on Windows. The module itself is netstandard2.0 and needs none of it.
#if NETFRAMEWORK
#pragma warning disable SA1402, SA1649, CA1812
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}

namespace System.Runtime.Versioning
{
    [AttributeUsage(AttributeTargets.All, AllowMultiple = true, Inherited = false)]
    internal sealed class UnsupportedOSPlatformAttribute : Attribute
    {
        public UnsupportedOSPlatformAttribute(string platformName) => PlatformName = platformName;

        public string PlatformName { get; }
    }

    [AttributeUsage(AttributeTargets.All, AllowMultiple = true, Inherited = false)]
    internal sealed class SupportedOSPlatformAttribute : Attribute
    {
        public SupportedOSPlatformAttribute(string platformName) => PlatformName = platformName;

        public string PlatformName { get; }
    }
}
#endif
