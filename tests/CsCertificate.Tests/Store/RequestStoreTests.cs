// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using CsCertificate.Common;
using CsCertificate.Store;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Store;

public sealed class RequestStoreTests : IDisposable
{
    private const string Key = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";

    private readonly TempFolder _temp = new TempFolder();
    private readonly RequestStore _store;

    public RequestStoreTests() => _store = new RequestStore(_temp.File("home"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void GivesIncreasingIdsAndWritesTheKeyBesideTheRecord()
    {
        RequestRecord first = _store.Add(Record("a"), Key);
        RequestRecord second = _store.Add(Record("b"), Key);

        Assert.Equal(1, first.RequestId);
        Assert.Equal(2, second.RequestId);
        Assert.Equal(Key, File.ReadAllText(_store.KeyPath(second)!));
        Assert.Equal(new[] { "a", "b" }, _store.List().Records.Select(r => r.FriendlyName));
    }

    [Fact]
    public void NeverReusesTheIdOfAClearedRequest()
    {
        _store.Add(Record("a"), Key);
        RequestRecord second = _store.Add(Record("b"), Key);
        Assert.True(_store.Remove(second.RequestId));

        Assert.Equal(3, _store.Add(Record("c"), Key).RequestId);
    }

    [Fact]
    public void RemovesTheRecordAndItsKey()
    {
        RequestRecord record = _store.Add(Record("a"), Key);

        Assert.True(_store.Remove(record.RequestId));

        Assert.False(File.Exists(_store.KeyPath(record)));
        Assert.Empty(_store.List().Records);
        Assert.False(_store.Remove(record.RequestId));
    }

    [Fact]
    public void KeepsKeysOwnerOnlyOnUnix()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        RequestRecord record = _store.Add(Record("a"), Key);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_store.KeyPath(record)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_store.KeysFolder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_store.Home));
    }

    [Fact]
    public void MovesAnUnreadableRecordAsideAndListsTheOthers()
    {
        _store.Add(Record("good"), Key);
        string bad = Path.Combine(_store.RequestsFolder, "000007.json");
        File.WriteAllText(bad, "{ not json");

        StoreListing listing = _store.List();

        Assert.Equal(new[] { "good" }, listing.Records.Select(r => r.FriendlyName));
        StoreProblem problem = Assert.Single(listing.Problems);
        Assert.Equal(ErrorIds.StoreRecordCorrupt, problem.ErrorId);
        Assert.Equal(bad, problem.Path);
        Assert.False(File.Exists(bad));
        Assert.True(File.Exists(problem.MovedTo));
    }

    [Fact]
    public void LeavesARecordOfANewerSchemaUntouched()
    {
        _store.Add(Record("good"), Key);
        string newer = Path.Combine(_store.RequestsFolder, "000005.json");
        File.WriteAllText(newer, "{\"schemaVersion\":2,\"requestId\":5,\"status\":\"Pending\"}");

        StoreListing listing = _store.List();

        Assert.Equal(ErrorIds.StoreSchemaTooNew, Assert.Single(listing.Problems).ErrorId);
        Assert.True(File.Exists(newer));
    }

    [Fact]
    public void RefusesAStoreOfANewerSchema()
    {
        _store.Add(Record("a"), Key);
        File.WriteAllText(Path.Combine(_store.Home, "store.json"), "{\"schemaVersion\":9,\"lastRequestId\":1}");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _store.Add(Record("b"), Key));

        Assert.Equal(ErrorIds.StoreSchemaTooNew, ex.ErrorId);
        Assert.Throws<CsCertificateException>(() => _store.List());
    }

    [Fact]
    public void RemovesTemporaryFilesLeftByAKilledWriter()
    {
        _store.Add(Record("a"), Key);
        string leftover = Path.Combine(_store.TemporaryFolder, ".000002.json.0123456789abcdef.tmp");
        File.WriteAllText(leftover, "{");

        Assert.Single(_store.List().Records);
        _store.Add(Record("b"), Key);

        Assert.False(File.Exists(leftover));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.TemporaryFolder));
    }

    [Fact]
    public void WritesThroughTheTemporaryFolderOnly()
    {
        _store.Add(Record("a"), Key);

        Assert.Equal(new[] { "000001.json" }, Directory.EnumerateFileSystemEntries(_store.RequestsFolder).Select(Path.GetFileName));
        Assert.Equal(new[] { "000001.key" }, Directory.EnumerateFileSystemEntries(_store.KeysFolder).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.TemporaryFolder));
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_store.TemporaryFolder));
        }
    }

    [Fact]
    public void SkipsARecordWrittenAfterTheLastSavedId()
    {
        _store.Add(Record("a"), Key);

        // A command killed between writing its record and saving store.json leaves record 2 behind id 1.
        File.Copy(Path.Combine(_store.RequestsFolder, "000001.json"), Path.Combine(_store.RequestsFolder, "000002.json"));

        Assert.Equal(3, _store.Add(Record("b"), Key).RequestId);
    }

    [Fact]
    public void TakesTheIdAfterTheHighestWhenStoreJsonIsMissing()
    {
        _store.Add(Record("a"), Key);
        _store.Add(Record("b"), Key);
        _store.Add(Record("c"), Key);
        Assert.True(_store.Remove(2));
        File.Delete(Path.Combine(_store.Home, "store.json"));

        Assert.Equal(4, _store.Add(Record("d"), Key).RequestId);
    }

    [Fact]
    public void TimesOutClearlyWhenAnotherCommandHoldsTheStore()
    {
        var store = new RequestStore(_temp.File("locked"), TimeSpan.FromMilliseconds(200));
        store.Add(Record("a"), Key);
        using var held = new FileStream(Path.Combine(store.Home, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => store.Add(Record("b"), Key));

        Assert.Equal(ErrorIds.StoreLockTimeout, ex.ErrorId);
    }

    [Fact]
    public void FindsOneRecord()
    {
        RequestRecord record = _store.Add(Record("a"), Key);
        var problems = new List<StoreProblem>();

        Assert.Equal("a", _store.Find(record.RequestId, problems)!.FriendlyName);
        Assert.Null(_store.Find(99, problems));
        Assert.Empty(problems);
    }

    private static RequestRecord Record(string friendlyName) => new RequestRecord
    {
        Status = "Offline",
        FriendlyName = friendlyName,
        CertificateUses = new[] { "Default" },
        SubjectName = "pool.contoso.com",
        Subject = "CN=pool.contoso.com",
        RequestTime = "2026-11-26T12:00:00.0000000Z",
    };
}
