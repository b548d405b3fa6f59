/** Routes for the entity tree: list, create, edit, move (refusing loops) and delete (after confirmation, only a free leaf). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { viewContext } from '../../../platform/http/request-context.ts';
import { render } from '../../../ui/render.tsx';
import { entityFieldsForm, moveEntityForm, newEntityForm } from '../form-schemas.ts';
import { buildEntityTree, createEntity, deleteEntity, descendantIds, entityOutline, getEntity, listEntities, moveEntity, updateEntity } from '../service.ts';
import { AdminPage, BackLink } from '../views/admin-page.tsx';
import { ConfirmPage } from '../views/confirm.tsx';
import { DeleteBlockers, EntitiesPage, EntityDetailPage, NewEntityPage } from '../views/entities.tsx';
import { flashFrom, flashQuery, withNotice } from './flash.ts';
import { actorOf, idParams } from './params.ts';
import { optionalText, type RoutedApp } from '../../../platform/http/route-schemas.ts';

export async function entityRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  async function entityOr404(entityId: string) {
    const entity = await getEntity(db, entityId);
    if (!entity) throw new HttpError(404);
    return entity;
  }

  async function detailPage(
    request: FastifyRequest,
    reply: FastifyReply,
    entityId: string,
    form?: { name: 'fields' | 'move'; values: FormValues; errors: FieldErrors },
    status = 200,
  ) {
    const entity = await entityOr404(entityId);
    const all = await listEntities(db);
    const below = descendantIds(all, entityId);
    const parentChoices = (await entityOutline(db)).filter(({ entity: e }) => e.id !== entityId && !below.has(e.id));
    const ctx = viewContext(request, reply);
    return render(reply, <EntityDetailPage ctx={ctx} entity={entity} parentChoices={parentChoices} flash={flashFrom(request.query)} form={form} />, status);
  }

  app.get('/entities', async (request, reply) => {
    const tree = buildEntityTree(await listEntities(db));
    return render(reply, <EntitiesPage ctx={viewContext(request, reply)} tree={tree} flash={flashFrom(request.query)} />);
  });

  app.get('/entities/new', { schema: { querystring: flashQuery.extend({ parent: optionalText }) } }, async (request, reply) => {
    const values = { kind: 'department', parentId: request.query.parent ?? '' };
    return render(reply, <NewEntityPage ctx={viewContext(request, reply)} outline={await entityOutline(db)} values={values} />);
  });

  app.post('/entities', async (request, reply) => {
    const ctx = viewContext(request, reply);
    const form = parseForm(newEntityForm, request.body, request.t);
    if (!form.ok) return render(reply, <NewEntityPage ctx={ctx} outline={await entityOutline(db)} values={form.values} errors={form.errors} />, 400);
    const result = await createEntity(db, actorOf(request), form.data);
    if (!result.ok) {
      const errors = { parentId: request.t('form.invalidChoice') };
      return render(reply, <NewEntityPage ctx={ctx} outline={await entityOutline(db)} values={form.values} errors={errors} />, 400);
    }
    return reply.redirect(withNotice(`/admin/entities/${result.entityId}`, 'entityCreated'), 303);
  });

  app.get('/entities/:id', { schema: { params: idParams } }, async (request, reply) => detailPage(request, reply, request.params.id));

  app.post('/entities/:id', { schema: { params: idParams } }, async (request, reply) => {
    const entityId = request.params.id;
    const form = parseForm(entityFieldsForm, request.body, request.t);
    if (!form.ok) return detailPage(request, reply, entityId, { name: 'fields', values: form.values, errors: form.errors }, 400);
    const result = await updateEntity(db, actorOf(request), entityId, form.data);
    if (!result.ok) throw new HttpError(404);
    return reply.redirect(withNotice(`/admin/entities/${entityId}`, 'entityUpdated'), 303);
  });

  app.post('/entities/:id/move', { schema: { params: idParams } }, async (request, reply) => {
    const entityId = request.params.id;
    const form = parseForm(moveEntityForm, request.body, request.t);
    if (!form.ok) return detailPage(request, reply, entityId, { name: 'move', values: form.values, errors: form.errors }, 400);
    const result = await moveEntity(db, actorOf(request), entityId, form.data.parentId);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new HttpError(404);
      const message = result.reason === 'cycle' ? request.t('admin.entity.cycle') : request.t('form.invalidChoice');
      return detailPage(request, reply, entityId, { name: 'move', values: form.values, errors: { parentId: message } }, result.reason === 'cycle' ? 409 : 400);
    }
    return reply.redirect(withNotice(`/admin/entities/${entityId}`, 'entityMoved'), 303);
  });

  /** The confirmation, or, when something still hangs on the entity, the reasons it cannot go yet. */
  async function deletePage(request: FastifyRequest, reply: FastifyReply, entityId: string, status = 200) {
    const entity = await entityOr404(entityId);
    const ctx = viewContext(request, reply);
    const { t } = request;
    if (entity.children > 0 || entity.roleHolders > 0) {
      return render(
        reply,
        <AdminPage ctx={ctx} section="entities" title={t('admin.entityDelete.blockedTitle', { name: entity.name })}>
          <DeleteBlockers ctx={ctx} entity={entity} />
          <BackLink href={`/admin/entities/${entity.id}`} label={t('admin.entities.backToEntity')} />
        </AdminPage>,
        status === 200 ? 200 : 409,
      );
    }
    return render(
      reply,
      <ConfirmPage
        ctx={ctx}
        section="entities"
        title={t('admin.entityDelete.title', { name: entity.name })}
        body={t('admin.entityDelete.body', { name: entity.name })}
        action={`/admin/entities/${entity.id}/delete`}
        submitLabel={t('admin.entityDelete.submit')}
        cancelHref={`/admin/entities/${entity.id}`}
      />,
      status,
    );
  }

  app.get('/entities/:id/delete', { schema: { params: idParams } }, async (request, reply) => deletePage(request, reply, request.params.id));

  app.post('/entities/:id/delete', { schema: { params: idParams } }, async (request, reply) => {
    const entityId = request.params.id;
    const result = await deleteEntity(db, actorOf(request), entityId);
    if (result.ok) return reply.redirect(withNotice('/admin/entities', 'entityDeleted'), 303);
    if (result.reason === 'not_found') throw new HttpError(404);
    if (result.reason === 'in_use') throw new HttpError(409, 'admin.entity.inUse');
    return deletePage(request, reply, entityId, 409);
  });
}
