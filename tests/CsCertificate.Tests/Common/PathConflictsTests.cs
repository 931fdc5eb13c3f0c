// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using CsCertificate.Common;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Common;

/// <summary>No output of a command is one of its inputs or another of its outputs.</summary>
public sealed class PathConflictsTests : IDisposable
{
    private readonly TempFolder _temp = new TempFolder();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void RefusesAnOutputThatIsAnInputAndNamesBoth()
    {
        string topology = _temp.Write("topology.xml", "<Topology/>");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() =>
            PathConflicts.Check(new[] { Named("-Report", _temp.File("topology.html")), Named("the twin", topology) }, new[] { Named("the topology file", topology) }));

        Assert.Equal(ErrorIds.PathConflict, ex.ErrorId);
        Assert.Contains("the twin", ex.Message);
        Assert.Contains("the topology file", ex.Message);
    }

    [Fact]
    public void RefusesTwoOutputsThatAreOneFileThroughALink()
    {
        string report = _temp.File("report.html");
        File.CreateSymbolicLink(_temp.File("request.csr"), "report.html");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() =>
            PathConflicts.Check(new[] { Named("-Output", _temp.File("request.csr")), Named("-Report", report) }, Array.Empty<NamedPath>()));

        Assert.Equal(ErrorIds.PathConflict, ex.ErrorId);
    }

    [Fact]
    public void ComparesWithoutCaseWhereTheFileSystemIgnoresIt()
    {
        string topology = _temp.Write("topology.xml", "<Topology/>");
        var outputs = new[] { Named("-Output", _temp.File("TOPOLOGY.XML")) };
        var inputs = new[] { Named("the topology file", topology) };

        if (OperatingSystem.IsWindows() || OperatingSystem.IsMacOS())
        {
            Assert.Equal(ErrorIds.PathConflict, Assert.Throws<CsCertificateException>(() => PathConflicts.Check(outputs, inputs)).ErrorId);
        }
        else
        {
            PathConflicts.Check(outputs, inputs);
        }
    }

    [Fact]
    public void AcceptsDistinctFiles()
    {
        PathConflicts.Check(
            new[] { Named("-Output", _temp.File("r.csr")), Named("-Report", _temp.File("r.html")), Named("the twin", _temp.File("r.xml")) },
            new[] { Named("the topology file", _temp.File("topology.xml")) });
    }

    private static NamedPath Named(string name, string path) => new NamedPath(name, path);
}
