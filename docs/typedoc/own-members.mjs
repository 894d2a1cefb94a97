// TypeDoc plugin: members a public class or interface gets from a type of this package that the
// reference does not document (WebSocketStream's internal base class, the constructor's statics,
// the instance interface the Node class extends) read as the class's own. Without it each says
// "Inherited from WebSocketStreamBase.close" and hides under the "Inherited" filter, and the
// Hierarchy names the internal base. Members from documented types (SteadySocketError,
// NodeTransportOptions) and from the platform (Event, Error, DOMException) keep their reference.
import { Converter, DeclarationReflection, ReferenceType, ReflectionFlag, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  const owners = (project) => project.getReflectionsByKind(ReflectionKind.ClassOrInterface).filter((r) => r instanceof DeclarationReflection);

  // Before TypeDoc builds the Hierarchy sections (at RESOLVE_END) from `extendedTypes`.
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, ({ project }) => {
    for (const owner of owners(project)) {
      owner.extendedTypes = owner.extendedTypes?.filter((type) => !(type instanceof ReferenceType && !type.reflection && type.package === project.packageName));
      if (!owner.extendedTypes?.length) delete owner.extendedTypes;
    }
  });

  // After TypeDoc has linked inherited members to their parents (at RESOLVE_END, registered first).
  app.converter.on(Converter.EVENT_RESOLVE_END, ({ project }) => {
    for (const owner of owners(project)) {
      const ancestors = documentedAncestors(owner);
      // A reference TypeDoc could not resolve is named `<heritage expression>.<member>`.
      const parentNames = new Set((owner.extendedTypes ?? []).map((type) => type.toString().replace(/<.*/, '')));
      const keep = (ref) => (ref.reflection ? ancestors.has(ownerOf(ref.reflection)) : parentNames.has(ref.name.replace(/[.<].*/, '')));
      for (const member of owner.children ?? []) {
        for (const target of [member, ...member.getAllSignatures()]) {
          if (target.inheritedFrom && !keep(target.inheritedFrom)) {
            delete target.inheritedFrom;
            target.setFlag(ReflectionFlag.Inherited, false);
          }
          if (target.overwrites && !keep(target.overwrites)) delete target.overwrites;
        }
      }
    }
  });
}

/** The documented classes and interfaces `owner` extends, directly or not. */
function documentedAncestors(owner, found = new Set()) {
  for (const type of owner.extendedTypes ?? []) {
    const parent = type instanceof ReferenceType ? type.reflection : undefined;
    if (parent instanceof DeclarationReflection && !found.has(parent)) {
      found.add(parent);
      documentedAncestors(parent, found);
    }
  }
  return found;
}

/** The class or interface a member (or one of its signatures) belongs to. */
function ownerOf(reflection) {
  let current = reflection;
  while (current && !current.kindOf(ReflectionKind.ClassOrInterface)) current = current.parent;
  return current;
}
