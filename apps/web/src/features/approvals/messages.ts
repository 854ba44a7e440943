// Labels of a record's approval on its page (submit, status in the header, locked fields), in
// English and Simplified Chinese; en.ts and zh-CN.ts each include them with one line
// (`recordApproval`). `satisfies` makes a key missing in Chinese fail the type check.
export const recordApprovalEn = {
  submit: 'Submit for approval',
  submitTitle: 'Submit “{{name}}” for approval',
  process: 'Approval process',
  comment: 'Comment (optional)',
  commentHint: 'What the approver should know',
  send: 'Submit',
  submitted: 'Submitted for approval',
  status_pending: 'Approval pending',
  status_approved: 'Approved',
  status_rejected: 'Rejected',
  step: 'Step {{step}} of {{count}}',
  waitingFor: 'Waiting for {{names}}',
  lockedAll: 'All fields are locked while the approval is pending',
  lockedSome: 'Locked while the approval is pending: {{fields}}',
  locked: 'Locked',
};

export const recordApprovalZh = {
  submit: '提交审批',
  submitTitle: '提交「{{name}}」审批',
  process: '审批流程',
  comment: '备注（可选）',
  commentHint: '需要审批人了解的情况',
  send: '提交',
  submitted: '已提交审批',
  status_pending: '审批中',
  status_approved: '已批准',
  status_rejected: '已驳回',
  step: '第 {{step}} 步，共 {{count}} 步',
  waitingFor: '等待 {{names}} 审批',
  lockedAll: '审批期间所有字段已锁定',
  lockedSome: '审批期间已锁定：{{fields}}',
  locked: '已锁定',
} satisfies { [K in keyof typeof recordApprovalEn]: string };
