// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Store;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Store;

/// <summary>
/// The data folder as a trust boundary, on the real file system: owner and modes of what the store finds and
/// writes, and the key files a record names. Another user is a uid nobody has (as root, chown gives files to it).
/// </summary>
public sealed class RequestStoreTrustTests : IDisposable
{
    private const string Key = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";

    private readonly TempFolder _temp = new TempFolder();
    private readonly RequestStore _store;
    private readonly string _outside;

    public RequestStoreTrustTests()
    {
        _store = new RequestStore(_temp.File("home"));
        _outside = _temp.Write("outside/x.key", "not the store's");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WritesEveryFileOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the access list is checked by DataFolder.Tests.ps1 on Windows
        }

        RequestRecord record = _store.Add(Record(), Key);
        _store.Update(record);

        foreach (string file in Directory.EnumerateFiles(_store.Home, "*", SearchOption.AllDirectories))
        {
            Assert.True(UnixFiles.Mode(file) == "0600", file + " is " + UnixFiles.Mode(file));
        }

        foreach (string folder in new[] { _store.Home, _store.RequestsFolder, _store.KeysFolder, _store.TemporaryFolder })
        {
            Assert.True(UnixFiles.Mode(folder) == "0700", folder + " is " + UnixFiles.Mode(folder));
        }
    }

    [Fact]
    public void RestrictsAStoreThatOthersCouldReachAndSaysSo()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // What an earlier version left under umask 000 in a folder made beforehand with mode 0777.
        _store.Add(Record(), Key);
        string record = Path.Combine(_store.RequestsFolder, "000001.json");
        foreach (string path in new[] { _store.Home, _store.RequestsFolder })
        {
            File.SetUnixFileMode(path, (UnixFileMode)0x1FF);
        }

        foreach (string path in new[] { record, Path.Combine(_store.Home, "store.json"), Path.Combine(_store.Home, ".lock") })
        {
            File.SetUnixFileMode(path, (UnixFileMode)0x1B6);
        }

        var verbose = new List<string>();
        new RequestStore(_store.Home).CheckSecurity(verbose.Add);

        Assert.Equal("0700", UnixFiles.Mode(_store.Home));
        Assert.Equal("0700", UnixFiles.Mode(_store.RequestsFolder));
        Assert.Equal("0600", UnixFiles.Mode(record));
        Assert.Equal("0600", UnixFiles.Mode(Path.Combine(_store.Home, "store.json")));
        Assert.Equal("0600", UnixFiles.Mode(Path.Combine(_store.Home, ".lock")));
        Assert.Contains(verbose, line => line.Contains("\"" + _store.RequestsFolder + "\"") && line.Contains("0777") && line.Contains("0700"));
        Assert.Contains(verbose, line => line.Contains("\"" + record + "\"") && line.Contains("0666") && line.Contains("0600"));
    }

    [UnixRootFact]
    [UnsupportedOSPlatform("windows")]
    public void RefusesAStoreThatAnotherUserOwnsAndChangesNothing()
    {
        _store.Add(Record(), Key);
        UnixFiles.GiveTo(_store.Home, UnixFiles.OtherUser, recursive: true);
        File.SetUnixFileMode(_store.Home, (UnixFileMode)0x1ED); // 0755, as another user's store usually is

        var store = new RequestStore(_store.Home);
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => store.List());

        Assert.Equal(ErrorIds.StoreNotOwned, ex.ErrorId);
        Assert.Contains("\"" + _store.Home + "\"", ex.Message);
        Assert.Contains("user id " + UnixFiles.OtherUser, ex.Message);
        Assert.Contains("chown -R", ex.Message);
        Assert.Equal("0755", UnixFiles.Mode(_store.Home));
        Assert.Equal(ErrorIds.StoreNotOwned, Assert.Throws<CsCertificateException>(() => store.Add(Record(), Key)).ErrorId);
        Assert.Single(Directory.EnumerateFiles(_store.RequestsFolder));
    }

    [UnixRootFact]
    [UnsupportedOSPlatform("windows")]
    public void RefusesARecordAnotherUserWroteInAnOpenFolder()
    {
        _store.Add(Record(), Key);
        File.SetUnixFileMode(_store.RequestsFolder, (UnixFileMode)0x1FF);
        string forged = Path.Combine(_store.RequestsFolder, "000002.json");
        File.Copy(Path.Combine(_store.RequestsFolder, "000001.json"), forged);
        UnixFiles.GiveTo(forged, UnixFiles.OtherUser);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => new RequestStore(_store.Home).List());

        Assert.Equal(ErrorIds.StoreNotOwned, ex.ErrorId);
        Assert.Contains("\"" + forged + "\"", ex.Message);

        // Left open, so that every command refuses it until the user has looked at it.
        Assert.Equal("0777", UnixFiles.Mode(_store.RequestsFolder));
    }

    [Fact]
    public void RefusesAKeysFolderThatIsALinkOutOfTheStore()
    {
        _store.Add(Record(), Key);
        Directory.Delete(_store.KeysFolder, recursive: true);
        Directory.CreateSymbolicLink(_store.KeysFolder, Path.GetDirectoryName(_outside)!);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => new RequestStore(_store.Home).Remove(1));

        Assert.Equal(ErrorIds.StoreFolderUnsafe, ex.ErrorId);
        Assert.Contains("\"" + _store.KeysFolder + "\"", ex.Message);
        Assert.Equal("not the store's", File.ReadAllText(_outside));
    }

    [Theory]
    [InlineData("../../outside/x.key")]
    [InlineData("../outside.key")]
    [InlineData("{OUTSIDE}")]
    [InlineData("sub/000001.key")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("000001.key:stream")]
    [InlineData("C:000001.key")]
    [InlineData("000001.key/")]
    [InlineData("..\\..\\outside\\x.key")]
    public void SetsAsideARecordWhoseKeyFileIsNotAPlainFileOfKeys(string keyFile)
    {
        RequestRecord record = _store.Add(Record(), Key);
        keyFile = keyFile.Replace("{OUTSIDE}", _outside);
        RewriteKeyFile(record.RequestId, keyFile);

        StoreListing listing = new RequestStore(_store.Home).List();

        Assert.Empty(listing.Records);
        StoreProblem problem = Assert.Single(listing.Problems);
        Assert.Equal(ErrorIds.StoreRecordUnsafe, problem.ErrorId);
        Assert.Contains(keyFile, problem.Message);
        Assert.True(File.Exists(problem.MovedTo));
        Assert.Equal("not the store's", File.ReadAllText(_outside));
    }

    [Fact]
    public void NeverFollowsAnUnsafeKeyFileToReadOrDeleteIt()
    {
        RequestRecord record = _store.Add(Record(), Key);
        record.KeyFile = "../../outside/x.key";
        var store = new RequestStore(_store.Home);

        Assert.Equal(ErrorIds.StoreRecordUnsafe, Assert.Throws<CsCertificateException>(() => store.KeyPath(record)).ErrorId);
        Assert.Equal(ErrorIds.StoreRecordUnsafe, Assert.Throws<CsCertificateException>(() => store.MarkIssued(record)).ErrorId);
        Assert.Equal(ErrorIds.StoreRecordUnsafe, Assert.Throws<CsCertificateException>(() => store.Renumber(record, 77)).ErrorId);
        Assert.True(store.Remove(record.RequestId));

        Assert.Equal("not the store's", File.ReadAllText(_outside));
        Assert.False(File.Exists(Path.Combine(_store.RequestsFolder, "000077.json")));
    }

    [Fact]
    public void NeverReadsOrDeletesTheRequestFileARecordNames()
    {
        // outputPath is the user's own request file: shown by -List, never followed by the store.
        RequestRecord record = Record();
        record.OutputPath = _outside;
        record = _store.Add(record, Key);
        var store = new RequestStore(_store.Home);

        Assert.True(store.Renumber(record, 7));
        store.MarkIssued(record);
        Assert.True(store.Remove(7));

        Assert.Equal("not the store's", File.ReadAllText(_outside));
    }

    [Fact]
    public void SetsAsideARecordWhoseKeyIsALinkAndRemovesOnlyTheLink()
    {
        RequestRecord record = _store.Add(Record(), Key);
        string key = _store.KeyPath(record)!;
        File.Delete(key);
        File.CreateSymbolicLink(key, _outside);
        var store = new RequestStore(_store.Home);

        StoreProblem problem = Assert.Single(store.List().Problems);
        Assert.Equal(ErrorIds.StoreRecordUnsafe, problem.ErrorId);
        Assert.Contains("symbolic link", problem.Message);
        Assert.Equal(ErrorIds.StoreRecordUnsafe, Assert.Throws<CsCertificateException>(() => store.KeyPath(record)).ErrorId);

        // -Clear of its number removes the link it finds in keys/, never what the link points to.
        File.Move(problem.MovedTo!, problem.Path);
        Assert.True(store.Remove(record.RequestId));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.KeysFolder));
        Assert.Equal("not the store's", File.ReadAllText(_outside));
    }

    [Fact]
    public void KeepsARecordWhoseKeyFileIsMissing()
    {
        // A deleted key is reported when it is needed (Import, -Retrieve), not by -List.
        RequestRecord record = _store.Add(Record(), Key);
        File.Delete(_store.KeyPath(record)!);

        Assert.Single(new RequestStore(_store.Home).List().Records);
    }

    private void RewriteKeyFile(int id, string keyFile)
    {
        string path = Path.Combine(_store.RequestsFolder, id.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + ".json");
        string json = File.ReadAllText(path);
        string escaped = keyFile.Replace("\\", "\\\\");
        File.WriteAllText(path, System.Text.RegularExpressions.Regex.Replace(json, "\"keyFile\":\\s*\"[^\"]*\"", "\"keyFile\":\"" + escaped.Replace("$", "$$") + "\""));
    }

    private static RequestRecord Record() => new RequestRecord
    {
        Status = RequestStatus.Offline,
        FriendlyName = "a",
        CertificateUses = new[] { "Default" },
        SubjectName = "pool.contoso.com",
        Subject = "CN=pool.contoso.com",
        RequestTime = "2026-11-26T12:00:00.0000000Z",
    };
}
