'use strict';
const ts = require('typescript');
/*
 * The project's own ESLint rules (wired in eslint.config.mjs as the `kattegat` plugin).
 *
 * no-foreign-entity-write: each module writes only its own tables. A file of src/<a>/ may read
 * any entity, but may not use an entity class of src/<b>/ (b ≠ a) as the target of a write:
 *
 *   manager.insert/update/delete/save/upsert/increment/decrement/remove/…(X, …)   (or an X instance)
 *   repository.update(…)                                   where the repository is a Repository<X>
 *   getRepository(X), @InjectRepository(X), TypeOrmModule.forFeature([X])   (a handle to write X)
 *   queryBuilder.update(X), .insert().into(X), .delete().from(X), createQueryBuilder(X).delete()
 *
 * Entities are the classes declared in `*.entity.ts` files; the types come from the TypeScript
 * program (typed linting), so `manager.save(seat)` is caught as well as `manager.save(Seat, …)`.
 * Raw SQL (`manager.query('UPDATE …')`) is not looked at.
 */

const WRITE_METHODS = new Set([
  'insert',
  'update',
  'delete',
  'save',
  'upsert',
  'increment',
  'decrement',
  'remove',
  'softDelete',
  'softRemove',
  'restore',
  'recover',
  'clear',
]);
const REPOSITORY_GETTERS = new Set(['getRepository', 'getTreeRepository', 'getMongoRepository']);

/** The module of a source file: the folder under the last `src/` of its path, or null. */
function moduleOfFile(fileName) {
  const normalised = fileName.replace(/\\/g, '/');
  const at = normalised.lastIndexOf('/src/');
  const rest =
    at >= 0 ? normalised.slice(at + 5) : normalised.startsWith('src/') ? normalised.slice(4) : null;
  if (rest === null) return null;
  const slash = rest.indexOf('/');
  return slash > 0 ? rest.slice(0, slash) : null;
}

function declaredInTypeorm(type) {
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const declaration = symbol?.declarations?.[0];
  return Boolean(
    declaration && /[/\\]node_modules[/\\]typeorm[/\\]/.test(declaration.getSourceFile().fileName),
  );
}

const ruleNoForeignEntityWrite = {
  meta: {
    type: 'problem',
    docs: {
      description: "A module writes only its own tables: no write whose target is another module's entity",
    },
    schema: [],
    messages: {
      foreignWrite:
        'Module {{module}} writes {{entity}}, an entity of module {{owner}} ({{how}}): call a service of {{owner}}, or publish a domain event that {{owner}} handles.',
    },
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) {
      throw new Error('kattegat/no-foreign-entity-write needs typed linting (parserOptions.projectService)');
    }
    const own = moduleOfFile(context.filename);
    if (own === null) return {};
    const checker = services.program.getTypeChecker();
    const typeOf = (node) => checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));

    /** The entity classes a type stands for: a class, an instance, an array or a union of them. */
    const entitiesOfType = (type) => {
      if (type.isUnion()) return type.types.flatMap(entitiesOfType);
      if (checker.isArrayType(type) || checker.isTupleType(type)) {
        return checker.getTypeArguments(type).flatMap(entitiesOfType);
      }
      const symbol = type.getSymbol();
      if (!symbol || !(symbol.flags & ts.SymbolFlags.Class)) return [];
      const declaration = symbol.declarations?.find(
        (d) => ts.isClassDeclaration(d) && /\.entity\.ts$/.test(d.getSourceFile().fileName),
      );
      return declaration
        ? [{ name: symbol.getName(), owner: moduleOfFile(declaration.getSourceFile().fileName) }]
        : [];
    };

    /** The entities a typeorm handle is bound to: X of Repository<X> or SelectQueryBuilder<X>. */
    const entitiesOfHandle = (type) =>
      type.objectFlags & ts.ObjectFlags.Reference
        ? checker.getTypeArguments(type).flatMap(entitiesOfType)
        : [];

    const report = (node, entities, how) => {
      for (const entity of entities) {
        if (entity.owner === null || entity.owner === own) continue;
        context.report({
          node,
          messageId: 'foreignWrite',
          data: { module: own, owner: entity.owner, entity: entity.name, how },
        });
        return;
      }
    };

    const propertyName = (member) =>
      member.type === 'MemberExpression' && !member.computed && member.property.type === 'Identifier'
        ? member.property.name
        : null;

    return {
      CallExpression(node) {
        const callee = node.callee;
        const [first] = node.arguments;
        if (callee.type === 'Identifier' && callee.name === 'InjectRepository' && first) {
          report(node, entitiesOfType(typeOf(first)), '@InjectRepository');
          return;
        }
        const name = propertyName(callee);
        if (name === null) return;
        if (
          name === 'forFeature' &&
          callee.object.type === 'Identifier' &&
          callee.object.name === 'TypeOrmModule'
        ) {
          if (first?.type === 'ArrayExpression') {
            for (const element of first.elements) {
              if (element && element.type !== 'SpreadElement') {
                report(element, entitiesOfType(typeOf(element)), 'TypeOrmModule.forFeature');
              }
            }
          }
          return;
        }
        const target = typeOf(callee.object);
        if (!declaredInTypeorm(target)) return;
        if (REPOSITORY_GETTERS.has(name) && first) {
          report(node, entitiesOfType(typeOf(first)), name);
        } else if (WRITE_METHODS.has(name)) {
          const entities = [...(first ? entitiesOfType(typeOf(first)) : []), ...entitiesOfHandle(target)];
          report(node, entities, name);
        } else if (name === 'into' && first) {
          report(node, entitiesOfType(typeOf(first)), 'insert().into');
        } else if (name === 'from' && first && target.getSymbol()?.getName() === 'DeleteQueryBuilder') {
          report(node, entitiesOfType(typeOf(first)), 'delete().from');
        }
      },
    };
  },
};

module.exports = {
  meta: { name: 'eslint-plugin-kattegat' },
  rules: { 'no-foreign-entity-write': ruleNoForeignEntityWrite },
  moduleOfFile,
};
