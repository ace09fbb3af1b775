// Creating an organization from the workspace switcher, merged into ja.ts / en.ts as `org`.

export const orgJa = {
  create: '組織を作成',
  name: '組織名',
  submit: '作成する',
  cancel: 'キャンセル',
  created: '組織「{name}」を作成しました。最初のワークスペースを作成してください。',
  noWorkspaces: '（ワークスペースがありません）',
  addWorkspace: 'この組織にワークスペースを作成',
};

export const orgEn: typeof orgJa = {
  create: 'Create organization',
  name: 'Organization name',
  submit: 'Create',
  cancel: 'Cancel',
  created: 'Created the organization “{name}”. Now create its first workspace.',
  noWorkspaces: '(no workspaces yet)',
  addWorkspace: 'Create a workspace in this organization',
};
