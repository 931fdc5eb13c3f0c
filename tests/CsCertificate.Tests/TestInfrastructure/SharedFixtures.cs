// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>
/// The real topology documents of the shared fixtures (a shared/fixtures/topologies folder above the repository,
/// or $env:CSCERTIFICATE_SHARED_FIXTURES). They are third-party data: read in place, never copied into the
/// repository; tests that need them are skipped, with the reason, when they are absent.
/// </summary>
internal static class SharedFixtures
{
    public static readonly string? Folder = Find();

    public static string SkipReason => "The third-party topology fixtures are not here (expected ../shared/fixtures/topologies next to the repository, or $env:CSCERTIFICATE_SHARED_FIXTURES).";

    public static string Topology(string name) => Path.Combine(Folder ?? throw new InvalidOperationException(SkipReason), name);

    public static string RepositoryRoot
    {
        get
        {
            string? dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "CsCertificate.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("The repository root (CsCertificate.sln) was not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Example(string name) => Path.Combine(RepositoryRoot, "docs", "examples", name);

    private static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable("CSCERTIFICATE_SHARED_FIXTURES");
        if (!string.IsNullOrEmpty(configured) && Directory.Exists(configured))
        {
            return configured;
        }

        string? dir = AppContext.BaseDirectory;
        while (dir != null)
        {
            string candidate = Path.Combine(dir, "shared", "fixtures", "topologies");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            dir = Path.GetDirectoryName(dir);
        }

        return null;
    }
}
