// TypeDoc plugin: a constant documented as a class (`@class`, e.g. the browser build's
// `SteadySocket`, typed by an interface pair rather than declared with `class`) also stands for
// the interface its constructor returns. Signatures that name that interface (`this` in
// `addEventListener`'s listener) then link to the class page instead of to a type the
// reference does not include.
import ts from 'typescript';
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Class)) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const declaration = symbol?.valueDeclaration;
    if (!symbol || !declaration || !ts.isVariableDeclaration(declaration)) return;
    const [construct] = context.checker.getTypeOfSymbolAtLocation(symbol, declaration).getConstructSignatures();
    const instance = construct?.getReturnType().getSymbol();
    if (instance && instance !== symbol && !context.project.getReflectionFromSymbolId(context.createSymbolId(instance))) {
      context.project.registerSymbolId(reflection, context.createSymbolId(instance));
    }
  });
}
