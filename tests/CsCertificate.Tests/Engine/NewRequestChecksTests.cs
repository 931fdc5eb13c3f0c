// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Common;
using CsCertificate.Engine;
using Xunit;

namespace CsCertificate.Tests.Engine;

/// <summary>The checks of -New that need no topology.</summary>
public sealed class NewRequestChecksTests
{
    [Theory]
    [InlineData("Standard\0Edition", "U+0000", 9)]
    [InlineData("Standard Edition\n", "U+000A", 17)]
    [InlineData("Standard\tEdition", "U+0009", 9)]
    [InlineData("\r", "U+000D", 1)]
    public void RefusesControlCharactersInTheFriendlyName(string name, string character, int position)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => NewRequestChecks.CheckFriendlyName(new NewRequestOptions { FriendlyName = name }));

        Assert.Equal(ErrorIds.InvalidFriendlyName, ex.ErrorId);
        Assert.Contains(character, ex.Message);
        Assert.Contains(position.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void RefusesAFriendlyNameLongerThan256Characters()
    {
        NewRequestChecks.CheckFriendlyName(new NewRequestOptions { FriendlyName = new string('n', NewRequestChecks.MaxFriendlyNameLength) });

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() =>
            NewRequestChecks.CheckFriendlyName(new NewRequestOptions { FriendlyName = new string('n', 5000) }));

        Assert.Equal(ErrorIds.InvalidFriendlyName, ex.ErrorId);
        Assert.Contains("5000", ex.Message);
        Assert.Contains("256", ex.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  Standard Edition Certficate  ")]
    [InlineData("Zertifikat für den Pool")]
    public void AcceptsAnOrdinaryFriendlyNameOrNone(string? name)
    {
        NewRequestChecks.CheckFriendlyName(new NewRequestOptions { FriendlyName = name });
    }
}
