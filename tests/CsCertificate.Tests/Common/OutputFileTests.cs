// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using CsCertificate.Common;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Common;

/// <summary>The files the module writes for the user never destroy something else.</summary>
public sealed class OutputFileTests : IDisposable
{
    private static readonly byte[] s_content = Encoding.ASCII.GetBytes("new content");

    private readonly TempFolder _temp = new TempFolder();

    public void Dispose() => _temp.Dispose();

    [UnixFact]
    public void RefusesAFifoASocketAndAFolderWithOrWithoutForce()
    {
        string fifo = SpecialFiles.Fifo(_temp.File("fifo"));
        using Socket socket = SpecialFiles.Socket(_temp.File("socket"));
        Directory.CreateDirectory(_temp.File("folder"));

        foreach (bool force in new[] { false, true })
        {
            AssertRefused(fifo, OutputFileRole.Output, force, ErrorIds.OutputNotRegularFile, "FIFO");
            AssertRefused(_temp.File("socket"), OutputFileRole.Report, force, ErrorIds.ReportNotRegularFile, "socket");
            AssertRefused(_temp.File("folder"), OutputFileRole.Output, force, ErrorIds.OutputNotRegularFile, "folder");
        }

        Assert.Equal(FileNodeType.NamedPipe, FileSystemNodes.Current.TypeOf(fifo));
    }

    [UnixFact]
    public void RefusesALinkToADeviceAndNamesBoth()
    {
        string link = _temp.File("request.csr");
        File.CreateSymbolicLink(link, "/dev/null");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => OutputFile.Check(link, OutputFileRole.Output, replaceExisting: true));

        Assert.Equal(ErrorIds.OutputNotRegularFile, ex.ErrorId);
        Assert.Contains(link, ex.Message);
        Assert.Contains("/dev/null", ex.Message);
        Assert.Contains("character device", ex.Message);
    }

    [Fact]
    public void ReplacesTheFileALinkNamesAndKeepsTheLink()
    {
        string target = _temp.Write(Path.Combine("real", "target.csr"), "old content");
        string link = _temp.File("request.csr");
        File.CreateSymbolicLink(link, Path.Combine("real", "target.csr"));

        OutputFile output = OutputFile.Check(link, OutputFileRole.Output, replaceExisting: true);
        string written = output.Write(s_content);

        Assert.Equal(FileSystemNodes.Current.Resolve(target), written);
        Assert.Equal("new content", File.ReadAllText(target));
        Assert.Equal(Path.Combine("real", "target.csr"), new FileInfo(link).LinkTarget);
        Assert.Empty(Directory.GetFiles(_temp.File("real"), "*.tmp"));
    }

    [Fact]
    public void NeedsForceToReplaceAnExistingFileAndSaysHowToAllowIt()
    {
        string existing = _temp.Write("report.html", "keep me");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => OutputFile.Check(existing, OutputFileRole.Report, replaceExisting: false));

        Assert.Equal(ErrorIds.ReportExists, ex.ErrorId);
        Assert.Contains("-Force", ex.Message);
        Assert.Equal("keep me", File.ReadAllText(existing));
    }

    [Fact]
    public void NamesTheMissingFolderOfTheFileALinkNames()
    {
        string link = _temp.File("request.csr");
        File.CreateSymbolicLink(link, Path.Combine("missing", "target.csr"));

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => OutputFile.Check(link, OutputFileRole.Output, replaceExisting: true));

        Assert.Equal(ErrorIds.OutputDirectoryNotFound, ex.ErrorId);
        Assert.Contains("missing", ex.Message);
    }

    [UnixFact]
    public void ChecksTheTargetAgainWhenItIsWritten()
    {
        string path = _temp.File("request.csr");
        OutputFile output = OutputFile.Check(path, OutputFileRole.Output, replaceExisting: true);
        SpecialFiles.Fifo(path);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => output.Write(s_content));

        Assert.Equal(ErrorIds.OutputNotRegularFile, ex.ErrorId);
        Assert.Equal(FileNodeType.NamedPipe, FileSystemNodes.Current.TypeOf(path));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void RefusesWhatAnotherPlatformReportsAsADevice()
    {
        // Windows answers NUL, CON or \\.\pipe\x as a character device or named pipe; the check is the same.
        var nodes = new FakeNodes(FileNodeType.CharacterDevice);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => OutputFile.Check(_temp.File("NUL"), OutputFileRole.Output, replaceExisting: true, nodes));

        Assert.Equal(ErrorIds.OutputNotRegularFile, ex.ErrorId);
    }

    [UnixFact]
    public void TheAtomicWriteNeverRenamesOverAFifo()
    {
        string fifo = SpecialFiles.Fifo(_temp.File("fifo"));

        NotRegularFileException ex = Assert.Throws<NotRegularFileException>(() => AtomicFile.Write(fifo, s_content, ownerOnly: false));

        Assert.Equal(FileNodeType.NamedPipe, ex.Type);
        Assert.Equal(FileNodeType.NamedPipe, FileSystemNodes.Current.TypeOf(fifo));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    private static void AssertRefused(string path, OutputFileRole role, bool force, string errorId, string kind)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => OutputFile.Check(path, role, force));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Contains(path, ex.Message);
        Assert.Contains(kind, ex.Message);
    }

    private sealed class FakeNodes : IFileSystemNodes
    {
        private readonly FileNodeType _type;

        public FakeNodes(FileNodeType type) => _type = type;

        public FileNodeType TypeOf(string path) => _type;

        public string Resolve(string path) => path;
    }
}
