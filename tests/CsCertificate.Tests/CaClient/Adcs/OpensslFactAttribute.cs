// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

/// <summary>A fact that is skipped, with the reason shown, when openssl is not on the PATH.</summary>
public sealed class OpensslFactAttribute : FactAttribute
{
    public OpensslFactAttribute()
    {
        if (Find() == null)
        {
            Skip = "openssl is not on the PATH; it makes the PKCS #7 of this test independently of BouncyCastle.";
        }
    }

    public static string? Find()
    {
        string[] names = OperatingSystem.IsWindows() ? new[] { "openssl.exe" } : new[] { "openssl" };
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => names.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }
}
