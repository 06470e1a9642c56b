// A CodeMirror 5 simple mode for Rego v1 (CodeMirror ships none): comments, strings, raw strings, keywords,
// numbers, operators, builtin calls. Highlighting only; errors come from the server's engine, at line:col.
'use strict';

CodeMirror.defineSimpleMode('rego', {
  start: [
    { regex: /#.*/, token: 'comment' },
    { regex: /"(?:[^\\"]|\\.)*"?/, token: 'string' },
    { regex: /`[^`]*`?/, token: 'string' },
    { regex: /(?:package|import)\b/, token: 'keyword', sol: true },
    { regex: /(?:default|not|some|every|in|if|contains|else|with|as)\b/, token: 'keyword' },
    { regex: /(?:true|false|null)\b/, token: 'atom' },
    { regex: /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/, token: 'number' },
    { regex: /:=|==|!=|<=|>=|[<>+\-*/%|&=]/, token: 'operator' },
    { regex: /[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*(?=\()/, token: 'variable-2' },
    { regex: /[A-Za-z_][\w]*/, token: 'variable' },
    { regex: /[{[(]/, indent: true },
    { regex: /[}\])]/, dedent: true }
  ],
  meta: { lineComment: '#', electricChars: '}]' }
});
