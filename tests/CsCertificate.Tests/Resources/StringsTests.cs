// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsCertificate.Resources;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Resources;

/// <summary>
/// The Korean messages (Strings.ko-KR.resx) against the English ones (Strings.resx), read from the repository:
/// the same names, the same placeholders, and the satellite assembly the SDK builds from them.
/// </summary>
public sealed class StringsTests
{
    private static readonly Regex s_placeholder = new Regex(@"\{(\d+)(?:[,:][^}]*)?\}", RegexOptions.CultureInvariant);
    private static readonly Regex s_hangul = new Regex(@"\p{IsHangulSyllables}", RegexOptions.CultureInvariant);

    /// <summary>Entries that hold no words, only placeholders and punctuation, and so read the same in Korean.</summary>
    private static readonly string[] s_untranslatable = { "CompletionRequestItem", "ConflictParameter", "DefaultFriendlyName", "PoolWithRole", "SubjectNameOfType" };

    private static readonly IReadOnlyDictionary<string, string> s_english = Read("Strings.resx");
    private static readonly IReadOnlyDictionary<string, string> s_korean = Read("Strings.ko-KR.resx");

    [Fact]
    public void BothFilesHaveExactlyTheSameNames()
    {
        Assert.NotEmpty(s_english);
        Assert.Equal(s_english.Keys.OrderBy(k => k, StringComparer.Ordinal), s_korean.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryEntryHasTheSamePlaceholdersInBothLanguages()
    {
        var mismatches = s_english
            .Where(e => s_korean.ContainsKey(e.Key) && !Placeholders(e.Value).SetEquals(Placeholders(s_korean[e.Key])))
            .Select(e => $"{e.Key}: [{string.Join(" ", Placeholders(e.Value))}] vs [{string.Join(" ", Placeholders(s_korean[e.Key]))}]")
            .ToList();

        Assert.Empty(mismatches);
    }

    [Fact]
    public void EveryEntryIsAValidFormatStringInBothLanguages()
    {
        foreach (var (name, english) in s_english)
        {
            int count = Placeholders(english).Select(p => int.Parse(s_placeholder.Match(p).Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
            object[] arguments = Enumerable.Range(0, count).Select(i => (object)("arg" + i)).ToArray();

            // A stray brace throws FormatException; the message names the entry.
            Assert.True(TryFormat(english, arguments), "Strings.resx " + name);
            Assert.True(TryFormat(s_korean[name], arguments), "Strings.ko-KR.resx " + name);
        }
    }

    [Fact]
    public void EveryEntryWithWordsIsTranslated()
    {
        var untranslated = s_korean
            .Where(e => !s_untranslatable.Contains(e.Key) && !s_hangul.IsMatch(e.Value))
            .Select(e => e.Key)
            .ToList();

        Assert.Empty(untranslated);
        foreach (string name in s_untranslatable)
        {
            Assert.Equal(s_english[name], s_korean[name]);
        }
    }

    [Theory]
    [InlineData("RequestNotFound")]
    [InlineData("TopologyNotFound")]
    [InlineData("CertTypeNotApplicable")]
    [InlineData("WhatIfNewAction")]
    public void TheSatelliteAssemblyGivesTheKoreanText(string name)
    {
        string? korean = Strings.ResourceManager.GetString(name, new CultureInfo("ko-KR"));
        string? english = Strings.ResourceManager.GetString(name, CultureInfo.InvariantCulture);

        Assert.Equal(s_korean[name], korean);
        Assert.Matches(s_hangul, korean);
        Assert.Equal(s_english[name], english);
        Assert.Equal(english, Strings.ResourceManager.GetString(name, new CultureInfo("en-US")));
    }

    [Fact]
    public void AnotherCultureFallsBackToEnglish()
    {
        Assert.Equal(s_english["RequestNotFound"], Strings.ResourceManager.GetString("RequestNotFound", new CultureInfo("de-DE")));
    }

    private static HashSet<string> Placeholders(string value) =>
        new HashSet<string>(s_placeholder.Matches(value).Cast<Match>().Select(m => m.Value), StringComparer.Ordinal);

    private static bool TryFormat(string format, object[] arguments)
    {
        try
        {
            _ = string.Format(CultureInfo.InvariantCulture, format, arguments);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IReadOnlyDictionary<string, string> Read(string file)
    {
        string path = Path.Combine(SharedFixtures.RepositoryRoot, "src", "CsCertificate.Core", "Resources", file);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (XElement data in XDocument.Load(path).Root!.Elements("data"))
        {
            string name = (string)data.Attribute("name")!;
            Assert.False(entries.ContainsKey(name), $"{file} has {name} twice.");
            entries[name] = (string?)data.Element("value") ?? string.Empty;
        }

        return entries;
    }
}
