// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.DnsProtocol;

/// <summary>
/// Reads a TSIG key file in BIND's syntax, as tsig-keygen and ddns-confgen write it and nsupdate -k reads it:
/// <c>key "name" { algorithm hmac-sha256; secret "base64"; };</c>. Comments (#, //, /* */) and other statements
/// (the update-policy example ddns-confgen prints around the key) are passed over. The file must hold exactly one
/// key. Messages name the file and the key, never the secret.
/// </summary>
internal static class TsigKeyFile
{
    private const int MaxFileSize = 64 * 1024;

    /// <exception cref="CsCertificateException">The file is missing, not a file, unreadable, or holds no usable key.</exception>
    public static TsigKey Read(string path)
    {
        IFileSystemNodes nodes = FileSystemNodes.Current;
        FileNodeType type = nodes.TypeOf(nodes.Resolve(path));
        if (type == FileNodeType.Missing)
        {
            throw new CsCertificateException(ErrorIds.DnsKeyFileNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.DnsKeyFileNotFound, path), path);
        }

        if (type != FileNodeType.RegularFile)
        {
            throw Invalid(path, Messages.Format(Strings.DnsReasonNotAFile, FileSystemNodes.Describe(type)), null);
        }

        string text;
        try
        {
            using var stream = new LimitedReadStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), MaxFileSize);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            text = reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
        {
            throw new CsCertificateException(ErrorIds.DnsKeyFileNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.DnsKeyFileNotFound, path), path, ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new CsCertificateException(ErrorIds.DnsKeyInvalid, ErrorKind.ReadError, Messages.Format(Strings.DnsKeyFileUnreadable, path, ex.Message), path, ex);
        }

        try
        {
            return Parse(text);
        }
        catch (FormatException ex)
        {
            throw Invalid(path, ex.Message, ex);
        }
    }

    /// <exception cref="FormatException">The text holds no key, several, or one this module cannot sign with; the message says which, without the secret.</exception>
    public static TsigKey Parse(string text)
    {
        var tokens = new Tokens(text);
        var keys = new List<TsigKey>();
        while (tokens.Next() is string token)
        {
            if (token == "{")
            {
                tokens.SkipBlock();
            }
            else if (token == "key" && tokens.Peek() is string name && name != "{" && name != ";" && name != "}")
            {
                tokens.Next();
                if (tokens.Next() != "{")
                {
                    throw new FormatException(Strings.DnsKeyReasonSyntax);
                }

                keys.Add(ReadKey(tokens, Unquote(name)));
            }
        }

        return keys.Count switch
        {
            0 => throw new FormatException(Strings.DnsKeyReasonNoKey),
            1 => keys[0],
            _ => throw new FormatException(Messages.Format(Strings.DnsKeyReasonSeveral, keys.Count)),
        };
    }

    private static TsigKey ReadKey(Tokens tokens, string name)
    {
        string? algorithm = null;
        string? secret = null;
        while (true)
        {
            string token = tokens.Next() ?? throw new FormatException(Strings.DnsKeyReasonSyntax);
            if (token == "}")
            {
                break;
            }

            string? value = tokens.Next();
            if (value == null || value == "{" || value == "}" || value == ";")
            {
                throw new FormatException(Strings.DnsKeyReasonSyntax);
            }

            if (token == "algorithm")
            {
                algorithm = Unquote(value);
            }
            else if (token == "secret")
            {
                secret = Unquote(value);
            }

            if (tokens.Next() != ";")
            {
                throw new FormatException(Strings.DnsKeyReasonSyntax);
            }
        }

        if (algorithm == null)
        {
            throw new FormatException(Messages.Format(Strings.DnsKeyReasonNoAlgorithm, name));
        }

        if (string.IsNullOrEmpty(secret))
        {
            throw new FormatException(Messages.Format(Strings.DnsKeyReasonNoSecret, name));
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(secret);
        }
        catch (FormatException)
        {
            // Never quote the secret, not even a bad one.
            throw new FormatException(Messages.Format(Strings.DnsKeyReasonSecret, name));
        }

        if (bytes.Length == 0)
        {
            throw new FormatException(Messages.Format(Strings.DnsKeyReasonNoSecret, name));
        }

        try
        {
            DnsName.Labels(name);
        }
        catch (ArgumentException)
        {
            throw new FormatException(Messages.Format(Strings.DnsKeyReasonName, name));
        }

        return TsigKey.Create(name, algorithm, bytes) ?? throw new FormatException(Messages.Format(Strings.DnsKeyReasonAlgorithm, name, algorithm, TsigKey.SupportedAlgorithms));
    }

    private static string Unquote(string token) =>
        token.Length >= 2 && token[0] == '"' && token[token.Length - 1] == '"' ? token.Substring(1, token.Length - 2) : token;

    private static CsCertificateException Invalid(string path, string reason, Exception? inner) =>
        new CsCertificateException(ErrorIds.DnsKeyInvalid, ErrorKind.InvalidData, Messages.Format(Strings.DnsKeyFileInvalid, path, reason), path, inner);

    /// <summary>The words, quoted strings and punctuation of named.conf syntax, without comments.</summary>
    private sealed class Tokens
    {
        private readonly string _text;
        private int _position;
        private string? _peeked;

        public Tokens(string text)
        {
            _text = text;
        }

        public string? Peek() => _peeked ??= Read();

        public string? Next()
        {
            string? token = Peek();
            _peeked = null;
            return token;
        }

        /// <summary>Passes over a block whose "{" was just read, with the blocks inside it.</summary>
        public void SkipBlock()
        {
            int depth = 1;
            while (depth > 0)
            {
                string token = Next() ?? throw new FormatException(Strings.DnsKeyReasonSyntax);
                depth += token == "{" ? 1 : token == "}" ? -1 : 0;
            }
        }

        private string? Read()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (char.IsWhiteSpace(c))
                {
                    _position++;
                }
                else if (c == '#' || (c == '/' && At(1) == '/'))
                {
                    SkipPast("\n");
                }
                else if (c == '/' && At(1) == '*')
                {
                    SkipPast("*/");
                }
                else if (c == '"')
                {
                    int end = _text.IndexOf('"', _position + 1);
                    if (end < 0)
                    {
                        throw new FormatException(Strings.DnsKeyReasonSyntax);
                    }

                    string quoted = _text.Substring(_position, end - _position + 1);
                    _position = end + 1;
                    return quoted;
                }
                else if (c == '{' || c == '}' || c == ';')
                {
                    _position++;
                    return c.ToString();
                }
                else
                {
                    int start = _position;
                    while (_position < _text.Length && !char.IsWhiteSpace(_text[_position]) && "{};\"#".IndexOf(_text[_position]) < 0)
                    {
                        _position++;
                    }

                    return _text.Substring(start, _position - start);
                }
            }

            return null;
        }

        private char At(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

        private void SkipPast(string end)
        {
            int index = _text.IndexOf(end, _position + 1, StringComparison.Ordinal);
            _position = index < 0 ? _text.Length : index + end.Length;
        }
    }
}
