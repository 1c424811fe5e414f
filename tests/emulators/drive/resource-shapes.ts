// Member names of the v3 resources the stand-in returns, from the discovery document as shipped in
// @googleapis/drive (Schema$File, Schema$FileList, Schema$Change, Schema$ChangeList,
// Schema$Channel, Schema$StartPageToken, Schema$User). `fields` selections are checked against
// them: a name Drive does not know is a 400, a known name the stand-in does not fill is omitted.
//
// 'leaf' members take no sub-selection check; 'open' members (maps and objects the stand-in does
// not model member by member) accept any sub-selection.
export type Shape = { [member: string]: 'leaf' | 'open' | Shape };

const leaves = (names: string): Record<string, 'leaf'> =>
  Object.fromEntries(names.split(' ').map((n) => [n, 'leaf' as const]));

export const USER: Shape = leaves('displayName emailAddress kind me permissionId photoLink');

export const FILE: Shape = {
  ...leaves(
    'copyRequiresWriterPermission createdTime description driveId explicitlyTrashed fileExtension folderColorRgb ' +
      'fullFileExtension hasAugmentedPermissions hasThumbnail headRevisionId iconLink id inheritedPermissionsDisabled ' +
      'isAppAuthorized kind md5Checksum sha1Checksum sha256Checksum mimeType modifiedByMe modifiedByMeTime modifiedTime name ' +
      'originalFilename ownedByMe parents permissionIds quotaBytesUsed resourceKey shared sharedWithMeTime size spaces ' +
      'starred teamDriveId thumbnailLink thumbnailVersion trashed trashedTime version viewedByMe viewedByMeTime ' +
      'viewersCanCopyContent webContentLink webViewLink writersCanShare',
  ),
  ...Object.fromEntries(
    (
      'appProperties properties exportLinks capabilities clientEncryptionDetails contentHints contentRestrictions ' +
      'downloadRestrictions imageMediaMetadata labelInfo linkShareMetadata permissions shortcutDetails videoMediaMetadata'
    )
      .split(' ')
      .map((n) => [n, 'open' as const]),
  ),
  owners: USER,
  lastModifyingUser: USER,
  sharingUser: USER,
  trashingUser: USER,
};

export const FILE_LIST: Shape = { ...leaves('incompleteSearch kind nextPageToken'), files: FILE };

export const CHANGE: Shape = {
  ...leaves('changeType driveId fileId kind removed teamDriveId time type'),
  drive: 'open',
  teamDrive: 'open',
  file: FILE,
};

export const CHANGE_LIST: Shape = { ...leaves('kind newStartPageToken nextPageToken'), changes: CHANGE };

export const CHANNEL: Shape = leaves('address expiration id kind params payload resourceId resourceUri token type');

export const START_PAGE_TOKEN: Shape = leaves('kind startPageToken');

/** Defaults when `fields` is absent ("kind, id, name, and mimeType" for files, per the fields guide;
 *  shared drive items also carry driveId and teamDriveId). */
export const FILE_DEFAULT = 'kind,id,name,mimeType,driveId,teamDriveId';
export const FILE_LIST_DEFAULT = `kind,incompleteSearch,nextPageToken,files(${FILE_DEFAULT})`;
export const CHANGE_LIST_DEFAULT = `kind,nextPageToken,newStartPageToken,changes(kind,changeType,time,removed,fileId,driveId,teamDriveId,file(${FILE_DEFAULT}))`;
