// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using CsCertificate.Common;
using CsCertificate.Model;
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

    [Theory]
    [InlineData("Frozen")]
    [InlineData("pending")]
    [InlineData("2")]
    [InlineData(" Pending")]
    public void MovesARecordWhoseStatusIsNoRequestStatusNameAside(string status)
    {
        RequestRecord record = _store.Add(Record("odd"), Key);
        string path = Path.Combine(_store.RequestsFolder, "000001.json");
        string stored = File.ReadAllText(path);
        Assert.Contains("\"status\": \"Offline\"", stored);
        File.WriteAllText(path, stored.Replace("\"status\": \"Offline\"", "\"status\": \"" + status + "\"", StringComparison.Ordinal));

        StoreListing listing = _store.List();

        Assert.Empty(listing.Records);
        StoreProblem problem = Assert.Single(listing.Problems);
        Assert.Equal(ErrorIds.StoreRecordCorrupt, problem.ErrorId);
        Assert.Contains("\"" + status + "\"", problem.Message);
        Assert.False(File.Exists(path));
        Assert.Equal(1, record.RequestId);
    }

    [Fact]
    public void WritesTheStatusAsItsNameAndReadsItBackAsTheStatus()
    {
        RequestRecord record = Record("named");
        record.Status = RequestStatus.Pending;
        _store.Add(record, Key);

        Assert.Contains("\"status\": \"Pending\"", File.ReadAllText(Path.Combine(_store.RequestsFolder, "000001.json")));
        Assert.Equal(RequestStatus.Pending, _store.List().Records.Single().Status);
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

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)] // what the wrap of earlier versions left behind
    [InlineData(-5)]
    public void RefusesToGiveOutAnIdPastTheMaximum(int lastRequestId)
    {
        _store.Add(Record("a"), Key);
        File.WriteAllText(Path.Combine(_store.Home, "store.json"), "{\"schemaVersion\":1,\"lastRequestId\":" + lastRequestId + "}");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _store.Add(Record("b"), Key));

        Assert.Equal(ErrorIds.StoreIdsExhausted, ex.ErrorId);
        Assert.Contains("2147483647", ex.Message);
        Assert.Contains(_store.Home, ex.Message);
        Assert.Equal(new[] { "000001.json" }, Directory.EnumerateFiles(_store.RequestsFolder).Select(Path.GetFileName));
        Assert.Equal(new[] { "000001.key" }, Directory.EnumerateFiles(_store.KeysFolder).Select(Path.GetFileName));
    }

    [Fact]
    public void GivesOutTheMaximumIdThenRefuses()
    {
        _store.Add(Record("a"), Key);
        File.WriteAllText(Path.Combine(_store.Home, "store.json"), "{\"schemaVersion\":1,\"lastRequestId\":2147483646}");

        Assert.Equal(int.MaxValue, _store.Add(Record("b"), Key).RequestId);
        Assert.Equal(ErrorIds.StoreIdsExhausted, Assert.Throws<CsCertificateException>(() => _store.Add(Record("c"), Key)).ErrorId);
        Assert.Equal(new[] { 1, int.MaxValue }, _store.List().Records.Select(r => r.RequestId));
    }

    [Fact]
    public void RefusesRatherThanWrapsAfterARenumberToTheMaximum()
    {
        RequestRecord record = _store.Add(Record("a"), Key);

        Assert.True(_store.Renumber(record, int.MaxValue));

        Assert.Equal(ErrorIds.StoreIdsExhausted, Assert.Throws<CsCertificateException>(() => _store.Add(Record("b"), Key)).ErrorId);
        Assert.Equal(new[] { int.MaxValue }, _store.List().Records.Select(r => r.RequestId));
    }

    [Fact]
    public void RefusesWhenTheHighestRecordHasTheMaximumIdAndStoreJsonIsMissing()
    {
        RequestRecord record = _store.Add(Record("a"), Key);
        Assert.True(_store.Renumber(record, int.MaxValue));
        File.Delete(Path.Combine(_store.Home, "store.json"));

        Assert.Equal(ErrorIds.StoreIdsExhausted, Assert.Throws<CsCertificateException>(() => _store.Add(Record("b"), Key)).ErrorId);
    }

    [Fact]
    public void FindsOnlyTheKeyFilesThatNoRecordHas()
    {
        _store.Add(Record("kept"), Key);
        string orphan = OldKey("000007.key");
        string recent = Path.Combine(_store.KeysFolder, "000008.key");
        File.WriteAllText(recent, Key);
        string ofCorrupt = OldKey("000009.key");
        File.WriteAllText(Path.Combine(_store.RequestsFolder, "000009.json.corrupt-20261126120000000"), "{");
        string ofNewer = OldKey("000010.key");
        File.WriteAllText(Path.Combine(_store.RequestsFolder, "000010.json"), "{\"schemaVersion\":2,\"requestId\":10,\"status\":\"Pending\"}");
        string notAKey = OldKey("notes.key");
        string outside = Path.Combine(_temp.Path, "outside.key");
        File.WriteAllText(outside, Key);
        string link = Path.Combine(_store.KeysFolder, "000011.key");
        File.CreateSymbolicLink(link, outside);

        IReadOnlyList<OrphanedKey> orphans = _store.FindOrphanedKeys();

        Assert.Equal(new[] { orphan, recent }, orphans.Select(o => o.Path));
        Assert.False(orphans[0].IsRecent);
        Assert.True(orphans[1].IsRecent);

        Assert.True(_store.RemoveOrphanedKey(orphans[0]));
        Assert.False(_store.RemoveOrphanedKey(orphans[1]));
        Assert.False(File.Exists(orphan));
        foreach (string kept in new[] { recent, ofCorrupt, ofNewer, notAKey, link, outside, Path.Combine(_store.KeysFolder, "000001.key") })
        {
            Assert.True(File.Exists(kept), kept);
        }
    }

    [Fact]
    public void KeepsAnOrphanedKeyWhenItsRecordAppearsBeforeItIsRemoved()
    {
        string key = OldKey("000005.key");
        OrphanedKey orphan = Assert.Single(_store.FindOrphanedKeys());
        File.WriteAllText(Path.Combine(_store.RequestsFolder, "000005.json"), "{}");

        Assert.False(_store.RemoveOrphanedKey(orphan));
        Assert.True(File.Exists(key));
    }

    /// <summary>Writes a key file older than <see cref="RequestStore.OrphanedKeyMinimumAge"/>.</summary>
    private string OldKey(string name)
    {
        Directory.CreateDirectory(_store.KeysFolder);
        Directory.CreateDirectory(_store.RequestsFolder);
        string path = Path.Combine(_store.KeysFolder, name);
        File.WriteAllText(path, Key);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - RequestStore.OrphanedKeyMinimumAge - TimeSpan.FromMinutes(1));
        return path;
    }

    private static RequestRecord Record(string friendlyName) => new RequestRecord
    {
        Status = RequestStatus.Offline,
        FriendlyName = friendlyName,
        CertificateUses = new[] { "Default" },
        SubjectName = "pool.contoso.com",
        Subject = "CN=pool.contoso.com",
        RequestTime = "2026-11-26T12:00:00.0000000Z",
    };
}
