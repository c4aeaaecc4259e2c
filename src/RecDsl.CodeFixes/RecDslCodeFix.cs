// What every RecDsl code fix does the same way: fix-all by batch, one pass over the diagnostics with the document's
// root, and each fix a pure edit of that root. A fix only says which diagnostics it offers something for and what.
using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RecDsl.CodeFixes
{
    public abstract class RecDslCodeFix : CodeFixProvider
    {
        public sealed override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
                await RegisterAsync(context, root, diagnostic).ConfigureAwait(false);
        }

        /// <summary>Offers this fix's actions for one diagnostic (none when its location or properties do not fit).</summary>
        protected abstract Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic);

        /// <summary>Offers one action whose change is <paramref name="edit"/> applied to the document's root; the
        /// nodes it names come from that same root, as the diagnostics' document is the one the action changes.</summary>
        protected static void Offer(CodeFixContext context, Diagnostic diagnostic, string title, string equivalenceKey, Func<SyntaxNode, SyntaxNode> edit)
        {
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(title, async cancellationToken =>
                {
                    var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    return root is null ? document : document.WithSyntaxRoot(edit(root));
                }, equivalenceKey),
                diagnostic);
        }
    }
}
